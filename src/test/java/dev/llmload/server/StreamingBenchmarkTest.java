package dev.llmload.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.llmload.server.engine.EngineSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Can the simulator keep its own schedule? 100 concurrent streams at a 10 ms inter-token target (10,000 tokens/s)
 * for 30 s, clients in the same JVM (a Netty client on one thread that only counts bytes). Prints the lateness of
 * content writes against the engine schedule and the CPU time per 1,000 tokens. Excluded from the default run:
 * {@code mvn -o test -Dtest=StreamingBenchmarkTest -DexcludedGroups= -Dgroups=benchmark} (add
 * {@code -Dbench.ioThreads=N} or {@code -Dbench.spinMicros=N} to try other settings).
 */
@Tag("benchmark")
class StreamingBenchmarkTest {

  private static final int STREAMS = 100;
  private static final long WARMUP_SECONDS = 5;
  private static final long MEASURE_SECONDS = 30;
  private static final int TOKENS_PER_REQUEST = 1_000;
  private static final double P99_TARGET_MILLIS = 2.0;

  @Test
  void hundredStreamsAtTenMillisecondsPerToken() throws Exception {
    // A flat 10 ms step whatever the batch, prefill free: exactly one token per stream every 10 ms.
    EngineSettings engine = new EngineSettings(128, 1_000_000, 20_000, 10.0, 0.0, 1e12, 1_000_000, true);
    ServerSettings settings = ServerSettings.builder().engine(engine)
        .ioThreads(Integer.getInteger("bench.ioThreads", 0))
        .engineSpinMicros(Integer.getInteger("bench.spinMicros", ServerSettings.defaults().engineSpinMicros()))
        .build();
    String body = "{\"model\":\"sim-fast\",\"stream\":true,\"ignore_eos\":true,\"max_tokens\":" + TOKENS_PER_REQUEST
        + ",\"prompt\":\"Benchmark the simulated server.\"}";
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-client", true),
        NioIoHandler.newFactory());
    try (SimulatedServer server = SimulatedServer.start(settings)) {
      Bootstrap bootstrap = new Bootstrap()
          .group(clientGroup)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec()).addLast(new LoopingStream(body, completed, errors));
            }
          });
      List<Channel> channels = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        channels.add(bootstrap.connect(server.getUri().getHost(), server.getUri().getPort()).sync().channel());
      }
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(WARMUP_SECONDS));

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
      server.writeLatenessSinceLastCall(); // discard the warm-up
      server.engine().wakeLatenessSinceLastCall();
      long tokens0 = server.engine().stats().generatedTokensTotal();
      long lateSteps0 = server.engine().stats().lateStepsTotal();
      long process0 = os.getProcessCpuTime();
      long serverThreads0 = serverThreadCpuNanos(threads);
      long serverUser0 = serverThreadNanos(threads, true);
      long wall0 = System.nanoTime();

      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(MEASURE_SECONDS));

      long wallNanos = System.nanoTime() - wall0;
      long tokens = server.engine().stats().generatedTokensTotal() - tokens0;
      long lateSteps = server.engine().stats().lateStepsTotal() - lateSteps0;
      long processCpu = os.getProcessCpuTime() - process0;
      long serverCpu = serverThreadCpuNanos(threads) - serverThreads0;
      long serverUser = serverThreadNanos(threads, true) - serverUser0;
      Histogram lateness = server.writeLatenessSinceLastCall();
      Histogram wake = server.engine().wakeLatenessSinceLastCall();
      for (Channel channel : channels) {
        channel.close().sync();
      }

      double p50 = lateness.getValueAtPercentile(50) / 1e6;
      double p99 = lateness.getValueAtPercentile(99) / 1e6;
      String report = String.format(Locale.ROOT, """
          Simulated-server benchmark: %d streams, 10 ms inter-token target, %d s measured after %d s warm-up
            cores: %d, io threads: %s (%s), engine spin: %d us, JVM: %s
            tokens: %,d (%,.0f tokens/s, target %,d), chunk writes measured: %,d, requests completed: %,d, errors: %d
            write lateness vs schedule: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms
            of which engine wake-up:    p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms
            steps restarted >2 ms late: %d, machine load average at the end: %.2f
            CPU per 1,000 tokens: %.2f ms whole process (server + client), %.2f ms server threads (llm-sim-*),
              of which %.2f ms in the kernel (socket writes, wake-ups)
            CPU utilisation: process %.0f%% of one core, server threads %.0f%% of one core
          """,
          STREAMS, MEASURE_SECONDS, WARMUP_SECONDS, Runtime.getRuntime().availableProcessors(),
          SimulatedServer.ioThreads(server.settings()), server.transport(), server.settings().engineSpinMicros(),
          System.getProperty("java.vm.version"),
          tokens, tokens / (wallNanos / 1e9), STREAMS * 100, lateness.getTotalCount(), completed.get(),
          errors.get(), p50, lateness.getValueAtPercentile(90) / 1e6, p99,
          lateness.getValueAtPercentile(99.9) / 1e6, lateness.getMaxValue() / 1e6,
          wake.getValueAtPercentile(50) / 1e6, wake.getValueAtPercentile(90) / 1e6,
          wake.getValueAtPercentile(99) / 1e6, wake.getValueAtPercentile(99.9) / 1e6, wake.getMaxValue() / 1e6,
          lateSteps, os.getSystemLoadAverage(),
          processCpu / 1e6 / (tokens / 1_000.0), serverCpu / 1e6 / (tokens / 1_000.0),
          (serverCpu - serverUser) / 1e6 / (tokens / 1_000.0),
          100.0 * processCpu / wallNanos, 100.0 * serverCpu / wallNanos);
      System.out.print(report);
      assertTrue(errors.get() == 0, "client errors: " + errors.get());
      assertTrue(p99 <= P99_TARGET_MILLIS, "p99 lateness " + p99 + " ms over the " + P99_TARGET_MILLIS + " ms target");
    } finally {
      clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static long serverThreadCpuNanos(ThreadMXBean threads) {
    return serverThreadNanos(threads, false);
  }

  /** CPU (or, with {@code userOnly}, user-mode CPU) of the server's threads, {@code llm-sim-*}. */
  private static long serverThreadNanos(ThreadMXBean threads, boolean userOnly) {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("llm-sim-")) {
        long cpu = userOnly ? threads.getThreadUserTime(thread.getId()) : threads.getThreadCpuTime(thread.getId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  /** Sends a streaming request, discards the body, and sends the next one on the same connection when it ends. */
  private static final class LoopingStream extends SimpleChannelInboundHandler<HttpObject> {
    private final byte[] body;
    private final AtomicLong completed;
    private final AtomicLong errors;

    LoopingStream(String body, AtomicLong completed, AtomicLong errors) {
      this.body = body.getBytes(StandardCharsets.UTF_8);
      this.completed = completed;
      this.errors = errors;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      send(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
      FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions",
          Unpooled.wrappedBuffer(body));
      request.headers()
          .set(HttpHeaderNames.HOST, "127.0.0.1")
          .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(request);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpResponse response && response.status().code() != 200) {
        errors.incrementAndGet();
      }
      if (msg instanceof LastHttpContent) {
        completed.incrementAndGet();
        send(ctx);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.incrementAndGet();
      ctx.close();
    }
  }
}
