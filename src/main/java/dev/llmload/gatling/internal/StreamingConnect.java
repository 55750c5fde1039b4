package dev.llmload.gatling.internal;

import dev.llmload.recording.StreamTracker;
import io.gatling.core.action.builder.ActionBuilder;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.request.builder.HttpAttributes;
import io.gatling.http.request.builder.HttpRequestBuilder;
import io.gatling.http.request.builder.HttpRequestExpressionBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * The action that sends a streamed request and reads its SSE stream: Gatling's request (built from an {@code http(...)}
 * request of the DSL, with its headers, body, signing and protocol), sent by Gatling's HTTP client wrapped in our
 * {@link ObservingHttpClient}, the stream read by a {@link StreamExchange} instead of Gatling's SSE state machine and
 * checks. Why: on one client core Gatling's SSE path (its decoder into characters, each message re-encoded as JSON for
 * the check, the check machinery) cost most of the client's CPU per token and, with 100 streams' chunks arriving
 * together, most of the time a message waited to be stamped (see the README's accuracy section). Gatling's report
 * keeps the same two rows: the request's name from send to the response headers, and {@code streamRow} from the
 * headers to {@code [DONE]} or the failure.
 *
 * <p>The request timeout runs from the send to the end of the response and closes the connection when it fires; the
 * failure then reads {@code Request timeout to ... after N ms}. {@link #close()} closes the client's connections once
 * the run is over.
 */
public final class StreamingConnect implements io.gatling.javaapi.core.ActionBuilder {

  private final HttpRequestActionBuilder request;
  private final String streamRow;
  private final Duration timeout;
  private final Function<Session, StreamTracker> trackers;
  private final BiConsumer<Session, StreamControl> onStart;
  private final ExchangeObserver observer;
  private final Duration keepAliveIdle;
  private volatile ObservingHttpClient client;

  /**
   * @param trackers the tracker of the session's request
   * @param onStart receives the session and the stream's control right before the request is sent (for a watchdog)
   */
  public StreamingConnect(HttpRequestActionBuilder request, String streamRow, Duration timeout, Function<Session, StreamTracker> trackers,
      BiConsumer<Session, StreamControl> onStart, ExchangeObserver observer, Duration keepAliveIdle) {
    this.request = request;
    this.streamRow = streamRow;
    this.timeout = timeout;
    this.trackers = trackers;
    this.onStart = onStart;
    this.observer = observer;
    this.keepAliveIdle = keepAliveIdle;
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
    HttpRequestBuilder builder = (HttpRequestBuilder) request.asScala();
    FiniteDuration requestTimeout = FiniteDuration.apply(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return (ctx, next) -> {
      HttpComponents components = builder.lookUpHttpComponents(ctx.protocolComponentsRegistry());
      HttpAttributes given = builder.httpAttributes();
      HttpAttributes attributes = given.copy(given.checks(), given.ignoreProtocolChecks(), given.silent(), given.followRedirect(),
          given.responseTransformer(), given.explicitResources(), Option.apply(requestTimeout));
      var expression = new HttpRequestExpressionBuilder(builder.commonAttributes(), builder.bodyAttributes(), attributes,
          components.httpCaches(), components.httpProtocol(), ctx.coreComponents().configuration()).build();
      ObservingHttpClient observing;
      try {
        observing = new ObservingHttpClient(
            ObservingHttpClient.gatlingClient(GatlingHooks.clientConfig(components.httpEngine()), keepAliveIdle), observer);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Gatling " + GatlingHooks.gatlingVersion() + "'s HTTP engine cannot be reached (" + e
            + "); llm-loadtest is tested with Gatling " + GatlingHooks.TESTED_WITH + ".x", e);
      }
      client = observing;
      StreamExchange.Rows rows = new StreamExchange.Rows(ctx.coreComponents().statsEngine(), ctx.coreComponents().clock(), streamRow, next);
      return new StreamAction(builder.commonAttributes().requestName(), expression, observing,
          components.httpProtocol().enginePart().shareConnections(), rows, trackers, onStart);
    };
  }
}
