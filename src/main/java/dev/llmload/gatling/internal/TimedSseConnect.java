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
 * The stock SSE connect ({@link WatchedSseConnect}), with a request timeout. Gatling's {@code SseConnectRequestBuilder.build} hard-codes
 * "no timeout" for SSE, so a server that never sends response headers would hold the virtual user forever. The
 * timeout runs from send to the end of the response and closes the connection when it fires; the failure then
 * reads {@code Request timeout to ... after N ms}.
 */
public final class TimedSseConnect implements io.gatling.javaapi.core.ActionBuilder {

  private final SseConnectActionBuilder connect;
  private final Duration timeout;
  private final BiConsumer<io.gatling.javaapi.core.Session, Object> onStart;
  private final ErrorBodySniffer[] sniffer = new ErrorBodySniffer[1];

  /**
   * @param onStart receives the session and the stream's state machine right before the request is sent (for
   *     {@link SseInternals})
   */
  public TimedSseConnect(SseConnectActionBuilder connect, Duration timeout, BiConsumer<io.gatling.javaapi.core.Session, Object> onStart) {
    this.connect = connect;
    this.timeout = timeout;
    this.onStart = onStart;
  }

  /** The start of the error body request {@code requestId} got (see {@link ErrorBodySniffer}), or null. */
  public String takeErrorBody(String requestId) {
    ErrorBodySniffer s = sniffer[0];
    return s == null ? null : s.take(requestId);
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
      io.gatling.http.engine.HttpEngine engine = ErrorBodySniffer.engineWith(sniffer, components.httpEngine(), ctx.coreComponents().clock())
          .orElse(components.httpEngine());
      return new WatchedSseConnect(builder.commonAttributes().requestName(), builder.sseName(), request, builder.checkSequences(),
          ctx.coreComponents().statsEngine(), ctx.coreComponents().clock(), components, engine, onStart, next);
    };
  }
}
