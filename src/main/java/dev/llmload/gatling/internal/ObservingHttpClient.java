package dev.llmload.gatling.internal;

import io.gatling.http.client.HttpClient;
import io.gatling.http.client.HttpClientConfig;
import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.gatling.http.client.SslContextsHolder;
import io.gatling.http.client.impl.DefaultHttpClient;
import io.gatling.http.client.util.Pair;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.time.Duration;

/**
 * The HTTP client of our SSE requests: Gatling's own client, built with our keep-alive idle limit, wrapped so that it
 * <ul>
 *   <li>tells an {@link ExchangeObserver} on which kind of connection (new or reused) each request went out and when
 *       the response started (time to headers);
 *   <li>sends a request once more, on a fresh connection, when it failed with a connection error before any byte of
 *       response on a connection reused from the pool and the observer agrees (Gatling re-sends by itself only when
 *       the close was clean; a reset is handled here).
 * </ul>
 * Requests without an {@code X-Request-Id} pass through untouched.
 */
public final class ObservingHttpClient implements HttpClient {

  /**
   * The pool partition of re-sends: flushed before each one, so a re-send always opens a fresh connection. Gatling's
   * shared pool is partition -1; user ids are positive.
   */
  static final long FRESH_CONNECTION_CLIENT_ID = Long.MIN_VALUE + 7;
  /** Requests written on a connection before the current one; survives the connection's trips through the pool. */
  private static final AttributeKey<Integer> REQUESTS_WRITTEN = AttributeKey.valueOf("llm.requestsWritten");

  private final HttpClient delegate;
  private final ExchangeObserver observer;

  ObservingHttpClient(HttpClient delegate, ExchangeObserver observer) {
    this.delegate = delegate;
    this.observer = observer;
  }

  /**
   * Gatling's HTTP client as Gatling would build it from {@code config}, except that pooled connections idle longer
   * than {@code keepAliveIdle} are never reused: Gatling's pool cleaner runs once a second, so the pool's own limit is
   * set one second below.
   */
  static HttpClient gatlingClient(HttpClientConfig config, Duration keepAliveIdle) {
    long poolIdleMillis = Math.max(100, keepAliveIdle.toMillis() - GatlingHooks.POOL_CLEANER_PERIOD_MILLIS);
    return new DefaultHttpClient(config.setChannelPoolIdleTimeout(poolIdleMillis));
  }

  @Override
  public void sendRequest(Request request, long clientId, EventLoop eventLoop, HttpListener listener, SslContextsHolder ssl) {
    String id = request.getHeaders().get("X-Request-Id");
    delegate.sendRequest(request, clientId, eventLoop, id == null ? listener : new Observing(listener, id, request, eventLoop, ssl), ssl);
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

  /** Closes the connections of our client (Gatling's own client is not ours to close). */
  @Override
  public void close() throws Exception {
    delegate.close();
  }

  /** True when the channel had carried a request before this one; counts this one. */
  static boolean countWrite(Channel channel) {
    Attribute<Integer> written = channel.attr(REQUESTS_WRITTEN);
    Integer before = written.get();
    written.set(before == null ? 1 : before + 1);
    return before != null && before > 0;
  }

  private final class Observing implements HttpListener {
    private final HttpListener delegate;
    private final String requestId;
    private final Request request;
    private final EventLoop eventLoop;
    private final SslContextsHolder ssl;
    private boolean responseStarted;

    Observing(HttpListener delegate, String requestId, Request request, EventLoop eventLoop, SslContextsHolder ssl) {
      this.delegate = delegate;
      this.requestId = requestId;
      this.request = request;
      this.eventLoop = eventLoop;
      this.ssl = ssl;
    }

    @Override
    public void onFinalClientRequest(Request request) {
      delegate.onFinalClientRequest(request);
    }

    @Override
    public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
      if (!responseStarted) {
        responseStarted = true;
        observer.onResponseStart(requestId);
      }
      delegate.onHttpResponse(status, headers);
    }

    @Override
    public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
      delegate.onHttpResponseBodyChunk(chunk, last);
    }

    @Override
    public void onThrowable(Throwable e) {
      if (!responseStarted && isConnectionError(e) && observer.takeResend(requestId, e)) {
        // a reset on a reused connection before any response: the server closed it as we wrote (keep-alive race)
        ObservingHttpClient.this.delegate.flushClientIdChannels(FRESH_CONNECTION_CLIENT_ID, eventLoop);
        ObservingHttpClient.this.delegate.sendRequest(request, FRESH_CONNECTION_CLIENT_ID, eventLoop, this, ssl);
        return;
      }
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
      observer.onWritten(requestId, countWrite(channel));
      delegate.onWrite(channel);
    }
  }

  /** A connection that failed under the request, not a timeout or a refusal of a re-send. */
  static boolean isConnectionError(Throwable e) {
    return e instanceof IOException;
  }
}
