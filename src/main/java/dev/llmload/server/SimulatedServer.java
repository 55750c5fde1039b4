package dev.llmload.server;

import dev.llmload.server.engine.EngineLoop;
import dev.llmload.server.engine.PrefixCache;
import dev.llmload.server.http.HttpApi;
import dev.llmload.server.metrics.ServerMetrics;
import dev.llmload.server.truth.GroundTruth;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated OpenAI-compatible LLM server, in this JVM: a Netty HTTP/1.1 server (persistent connections that it
 * closes as real servers do, after {@code keepAliveIdle} idle or {@code keepAliveMaxRequests} requests; SSE
 * streaming; native epoll where available, else NIO) in front of one {@link EngineLoop} thread that models
 * continuous batching. Start it with {@link #start}, aim a client at {@link #baseUrl()}, read what it did from
 * {@link #groundTruth()}, and {@link #close()} it. Threads: {@code llm-sim-io-*} (Netty, {@code ioThreads}) and
 * {@code llm-sim-engine}; all daemons.
 *
 * <pre>{@code
 * try (SimulatedServer server = SimulatedServer.start(ServerSettings.builder().preset("fast").build())) {
 *   String baseUrl = server.baseUrl(); // http://127.0.0.1:54321/v1
 * }
 * }</pre>
 */
public final class SimulatedServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedServer.class);

  private final ServerSettings settings;
  private final EngineLoop engine;
  private final GroundTruth truth;
  private final ServerMetrics metrics;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final URI uri;
  private final String transport;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Open client connections, closed with the server as a dying server's sockets are. */
  private final ChannelGroup connections;

  private SimulatedServer(ServerSettings settings, EngineLoop engine, GroundTruth truth, ServerMetrics metrics,
      EventLoopGroup group, Channel serverChannel, String transport, ChannelGroup connections, String scheme) {
    this.connections = connections;
    this.settings = settings;
    this.transport = transport;
    this.engine = engine;
    this.truth = truth;
    this.metrics = metrics;
    this.group = group;
    this.serverChannel = serverChannel;
    InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
    String host = address.getAddress().getHostAddress();
    this.uri = URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
  }

  /**
   * Binds {@code settings.host():settings.port()} (port 0: any free port) and starts the engine loop.
   *
   * @throws IllegalStateException when the port cannot be bound, naming the address and the fix
   */
  public static SimulatedServer start(ServerSettings settings) {
    return start(settings, Optional.empty());
  }

  /** Same, serving https when {@code tls} is present. */
  public static SimulatedServer start(ServerSettings settings, Optional<ServerTls> tls) {
    Optional<io.netty.handler.ssl.SslContext> ssl = tls.map(ServerTls::sslContext);
    List<String> served = settings.servedModels();
    ServerMetrics metrics = new ServerMetrics(served.get(0));
    EngineLoop engine = new EngineLoop(settings.engine(),
        new PrefixCache(settings.effectivePrefixCacheBlocks(), settings.prefixCacheBlockTokens()), "llm-sim-engine",
        TimeUnit.MICROSECONDS.toNanos(settings.engineSpinMicros()), metrics::queueTime);
    GroundTruth truth = new GroundTruth(settings.groundTruthCapacity());
    HttpApi api = new HttpApi(settings, engine, truth, metrics);
    int threads = ioThreads(settings);
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("llm-sim-io", true),
        transport.ioHandlerFactory());
    ChannelGroup connections = new DefaultChannelGroup("llm-sim-connections", GlobalEventExecutor.INSTANCE);
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(transport.serverChannel())
          .option(ChannelOption.SO_BACKLOG, 1_024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              connections.add(ch);
              ssl.ifPresent(ctx -> ch.pipeline().addLast(ctx.newHandler(ch.alloc())));
              api.addHandlers(ch.pipeline());
            }
          })
          .bind(settings.host(), settings.port())
          .syncUninterruptibly()
          .channel();
      api.warmUp();
      SimulatedServer server = new SimulatedServer(settings, engine, truth, metrics, group, channel, transport.name(),
          connections, ssl.isPresent() ? "https" : "http");
      if (ssl.isEmpty()) {
        warmUpHttp(server.getUri());
      }
      LOG.info("Simulated LLM server on {} (preset {}, models {}, {} x {})", server.baseUrl(), settings.preset(),
          served, threads, transport.name());
      return server;
    } catch (Exception e) { // Netty's bind failure is a checked IOException thrown unchecked
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      engine.close();
      throw new IllegalStateException("The simulated server could not bind " + settings.host() + ":"
          + settings.port() + " (" + e.getMessage() + "); set llm.server.port to a free port, or 0 for any.", e);
    }
  }

  /** One {@code POST /tokenize} over loopback: loads the HTTP pipeline's classes. Failures only cost the warm-up. */
  private static void warmUpHttp(URI uri) {
    String body = "{\"prompt\":\"warm up\"}";
    String request = "POST /tokenize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      LOG.debug("Simulated server HTTP warm-up failed: {}", e.toString());
    }
  }

  /** {@code ioThreads}, or when 0 one per core up to 4: a step's writes are spread over them. */
  static int ioThreads(ServerSettings settings) {
    return settings.ioThreads() > 0
        ? settings.ioThreads()
        : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI getUri() {
    return uri;
  }

  /** {@link #getUri()} + {@code /v1}: what an OpenAI client takes as its base URL. */
  public String baseUrl() {
    return uri + "/v1";
  }

  /** The model names listed at {@code /v1/models}; the first is the default. */
  public List<String> modelNames() {
    return settings.servedModels();
  }

  public ServerSettings settings() {
    return settings;
  }

  public GroundTruth groundTruth() {
    return truth;
  }

  /**
   * How many times this server processed (began to serve) a {@code POST /v1/chat/completions} or
   * {@code /v1/completions} with this {@code X-Request-Id}: 0 for a request it dropped unread (a
   * {@code stale-connection} fault, a request pipelined past {@code keepAliveMaxRequests}) or never got, 1 normally,
   * 2 or more when the client sent a request again that the server had already begun to serve. Kept for the last
   * {@code groundTruthCapacity} requests. Same as {@link GroundTruth#timesProcessed}.
   */
  public int timesProcessed(String requestId) {
    return truth.timesProcessed(requestId);
  }

  /** {@link #timesProcessed} of every request id still kept (the last {@code groundTruthCapacity} requests). */
  public Map<String, Integer> processedCountsById() {
    return truth.processedCountsById();
  }

  /**
   * Processings beyond the first of any request id since start (each within {@code groundTruthCapacity} requests of
   * the one before): 0 proves that the client sent no request twice that the server had already begun to serve.
   * Same as {@link GroundTruth#duplicateRequestIds()}.
   */
  public long duplicateProcessedRequests() {
    return truth.duplicateRequestIds();
  }

  /**
   * Kept-alive connections this server closed since start for one reason: {@code idle} ({@code keepAliveIdle}),
   * {@code max_requests} ({@code keepAliveMaxRequests}) or {@code stale_fault} (as {@code llmsim:keepalive_closes_total}).
   *
   * @throws IllegalArgumentException for another reason, naming the valid ones
   */
  public long keepAliveCloses(String reason) {
    for (ServerMetrics.CloseReason r : ServerMetrics.CloseReason.values()) {
      if (r.label().equals(reason)) {
        return metrics.keepAliveCloses(r);
      }
    }
    throw new IllegalArgumentException("reason must be idle, max_requests or stale_fault, was '" + reason + "'");
  }

  /** Lateness of content writes behind the engine schedule since the previous call (nanoseconds). */
  Histogram writeLatenessSinceLastCall() {
    return metrics.latenessSinceLastCall();
  }

  /** {@code epoll} or {@code nio}. */
  String transport() {
    return transport;
  }

  EngineLoop engine() {
    return engine;
  }

  /** Stops accepting, closes every connection, stops the engine loop. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    serverChannel.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    engine.close();
    LOG.info("Simulated LLM server on {} stopped", baseUrl());
  }
}
