package dev.llmload.gatling.internal;

import io.gatling.http.client.HttpClient;
import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.gatling.http.client.SslContextsHolder;
import io.gatling.http.client.util.Pair;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the start of an error response's body. Gatling's SSE listener closes the connection as soon as it sees a
 * status other than 200 and drops the body; this client wrapper sees the body bytes that arrived with the headers
 * (the usual case for a short JSON error) before Gatling throws them away, and files them under the request's
 * {@code X-Request-Id} until {@link #take} collects them. Gatling fails the request (and runs the virtual
 * user's next action) while handling the headers, before the body is read: take the body in a task queued on the
 * user's event loop, which runs after the rest of that read.
 */
public final class ErrorBodySniffer implements HttpClient {

  /** How much of an error body is kept. */
  public static final int SAMPLE_BYTES = 300;
  private static final int MAX_PENDING = 10_000;

  private final HttpClient delegate;
  private final Map<String, StringBuilder> bodies = new ConcurrentHashMap<>();

  ErrorBodySniffer(HttpClient delegate) {
    this.delegate = delegate;
  }

  /**
   * A copy of Gatling's HTTP engine whose client is wrapped in a sniffer; empty when the engine's fields cannot be
   * reached (a Gatling upgrade), and then error bodies are simply not captured.
   */
  static java.util.Optional<io.gatling.http.engine.HttpEngine> engineWith(ErrorBodySniffer[] out, io.gatling.http.engine.HttpEngine engine,
      io.gatling.commons.util.Clock clock) {
    try {
      HttpClient client = (HttpClient) field(engine, "httpClient");
      ErrorBodySniffer sniffer = new ErrorBodySniffer(client);
      io.gatling.http.engine.HttpEngine copy = new io.gatling.http.engine.HttpEngine(
          (io.gatling.http.util.SslContextsFactory) field(engine, "sslContextsFactory"), sniffer,
          (io.netty.channel.EventLoopGroup) field(engine, "eventLoopGroup"), clock,
          (io.gatling.core.config.GatlingConfiguration) field(engine, "configuration"));
      out[0] = sniffer;
      return java.util.Optional.of(copy);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  /** The start of the error body the request got, if any; forgets it. */
  public String take(String requestId) {
    StringBuilder b = bodies.remove(requestId);
    return b == null || b.length() == 0 ? null : b.toString().strip();
  }

  @Override
  public void sendRequest(Request request, long clientId, EventLoop eventLoop, HttpListener listener, SslContextsHolder ssl) {
    String id = request.getHeaders().get("X-Request-Id");
    delegate.sendRequest(request, clientId, eventLoop, id == null ? listener : new Sniffing(listener, id), ssl);
  }

  @Override
  public void sendHttp2Requests(Pair<Request, HttpListener>[] requestsAndListeners, long clientId, EventLoop eventLoop,
      SslContextsHolder ssl) {
    delegate.sendHttp2Requests(requestsAndListeners, clientId, eventLoop, ssl);
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public void flushClientIdChannels(long clientId, EventLoop eventLoop) {
    delegate.flushClientIdChannels(clientId, eventLoop);
  }

  @Override
  public void close() throws Exception {
    // the wrapped client belongs to Gatling's engine, which closes it
  }

  private final class Sniffing implements HttpListener {
    private final HttpListener delegate;
    private final String requestId;
    private boolean error;

    Sniffing(HttpListener delegate, String requestId) {
      this.delegate = delegate;
      this.requestId = requestId;
    }

    @Override
    public void onFinalClientRequest(Request request) {
      delegate.onFinalClientRequest(request);
    }

    @Override
    public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
      error = status.code() >= 400;
      delegate.onHttpResponse(status, headers);
    }

    @Override
    public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
      if (error) {
        if (bodies.size() > MAX_PENDING) {
          bodies.clear(); // bodies that came after their request was recorded are never taken
        }
        StringBuilder b = bodies.computeIfAbsent(requestId, k -> new StringBuilder());
        int room = SAMPLE_BYTES - b.length();
        if (room > 0 && chunk.isReadable()) {
          b.append(chunk.toString(chunk.readerIndex(), Math.min(room, chunk.readableBytes()), StandardCharsets.UTF_8));
        }
      }
      delegate.onHttpResponseBodyChunk(chunk, last);
    }

    @Override
    public void onThrowable(Throwable e) {
      delegate.onThrowable(e);
    }

    @Override
    public void onSend() {
      delegate.onSend();
    }

    @Override
    public void onProtocolAwareness(boolean isHttp2) {
      delegate.onProtocolAwareness(isHttp2);
    }

    @Override
    public void onWrite(Channel channel) {
      delegate.onWrite(channel);
    }
  }
}
