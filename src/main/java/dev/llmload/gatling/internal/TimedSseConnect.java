package dev.llmload.gatling.internal;

import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.request.builder.HttpAttributes;
import io.gatling.http.request.builder.HttpRequestExpressionBuilder;
import io.gatling.http.request.builder.sse.SseConnectRequestBuilder;
import io.gatling.javaapi.http.SseConnectActionBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * The stock SSE connect ({@link WatchedSseConnect}), with a request timeout, sent through our
 * {@link ObservingHttpClient}. Gatling's {@code SseConnectRequestBuilder.build} hard-codes "no timeout" for SSE, so a
 * server that never sends response headers would hold the virtual user forever. The timeout runs from send to the
 * end of the response and closes the connection when it fires; the failure then reads {@code Request timeout to ...
 * after N ms}. {@link #close()} closes the client's connections once the run is over.
 */
public final class TimedSseConnect implements io.gatling.javaapi.core.ActionBuilder {

  private final SseConnectActionBuilder connect;
  private final Duration timeout;
  private final BiConsumer<io.gatling.javaapi.core.Session, Object> onStart;
  private final ExchangeObserver observer;
  private final Duration keepAliveIdle;
  private volatile ObservingHttpClient client;

  /**
   * @param onStart receives the session and the stream's state machine right before the request is sent (for
   *     {@link SseInternals})
   */
  public TimedSseConnect(SseConnectActionBuilder connect, Duration timeout, BiConsumer<io.gatling.javaapi.core.Session, Object> onStart,
      ExchangeObserver observer, Duration keepAliveIdle) {
    this.connect = connect;
    this.timeout = timeout;
    this.onStart = onStart;
    this.observer = observer;
    this.keepAliveIdle = keepAliveIdle;
  }

  /** The start of the error body request {@code requestId} got (see {@link ObservingHttpClient}), or null. */
  public String takeErrorBody(String requestId) {
    ObservingHttpClient c = client;
    return c == null ? null : c.takeErrorBody(requestId);
  }

  /** Closes the connections of the client built for the run (idempotent). */
  public void close() {
    ObservingHttpClient c = client;
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // closing sockets at the end of a run: nothing left to measure
      }
    }
  }

  @Override
  public ActionBuilder asScala() {
    SseConnectRequestBuilder builder = (SseConnectRequestBuilder) connect.asScala();
    FiniteDuration requestTimeout = FiniteDuration.apply(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return (ctx, next) -> {
      HttpComponents components = builder.lookUpHttpComponents(ctx.protocolComponentsRegistry());
      HttpAttributes empty = HttpAttributes.Empty();
      HttpAttributes attributes = empty.copy(empty.checks(), empty.ignoreProtocolChecks(), empty.silent(), empty.followRedirect(),
          empty.responseTransformer(), empty.explicitResources(), Option.apply(requestTimeout));
      var request = new HttpRequestExpressionBuilder(builder.commonAttributes(), builder.bodyAttributes(), attributes,
          components.httpCaches(), components.httpProtocol(), ctx.coreComponents().configuration()).build();
      io.gatling.http.engine.HttpEngine engine;
      try {
        ObservingHttpClient observing = new ObservingHttpClient(
            ObservingHttpClient.gatlingClient(GatlingHooks.clientConfig(components.httpEngine()), keepAliveIdle), observer);
        engine = GatlingHooks.engineWith(components.httpEngine(), ctx.coreComponents().clock(), observing);
        client = observing;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Gatling " + GatlingHooks.gatlingVersion() + "'s HTTP engine cannot be reached (" + e
            + "); llm-loadtest is tested with Gatling " + GatlingHooks.TESTED_WITH + ".x", e);
      }
      return new WatchedSseConnect(builder.commonAttributes().requestName(), builder.sseName(), request, builder.checkSequences(),
          ctx.coreComponents().statsEngine(), ctx.coreComponents().clock(), components, engine, onStart, next);
    };
  }
}
