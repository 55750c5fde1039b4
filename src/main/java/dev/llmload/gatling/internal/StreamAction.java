package dev.llmload.gatling.internal;

import dev.llmload.recording.StreamTracker;
import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.http.client.HttpClient;
import io.gatling.http.client.Request;
import io.gatling.http.client.SslContextsHolder;
import java.util.function.BiConsumer;
import java.util.function.Function;
import scala.Function1;

/**
 * Sends one streamed request of a virtual user through our HTTP client and hands the response to a
 * {@link StreamExchange}; the exchange moves the user on when the stream ends. The watchdog gets the exchange right
 * before the send.
 */
final class StreamAction extends JavaAction {

  private final Function1<Session, Validation<String>> connectRow;
  private final Function1<Session, Validation<Request>> request;
  private final HttpClient client;
  private final boolean sharedConnections;
  private final StreamExchange.Rows rows;
  private final Function<io.gatling.javaapi.core.Session, StreamTracker> trackers;
  private final BiConsumer<io.gatling.javaapi.core.Session, StreamControl> onStart;

  StreamAction(Function1<Session, Validation<String>> connectRow, Function1<Session, Validation<Request>> request, HttpClient client,
      boolean sharedConnections, StreamExchange.Rows rows, Function<io.gatling.javaapi.core.Session, StreamTracker> trackers,
      BiConsumer<io.gatling.javaapi.core.Session, StreamControl> onStart) {
    super("llmStream");
    this.connectRow = connectRow;
    this.request = request;
    this.client = client;
    this.sharedConnections = sharedConnections;
    this.rows = rows;
    this.trackers = trackers;
    this.onStart = onStart;
  }

  @Override
  public void execute(Session session) {
    Validation<String> name = connectRow.apply(session);
    Validation<Request> built = request.apply(session);
    String problem = firstFailure(name, built);
    if (problem != null || client.isClosed()) {
      String failure = problem != null ? "the request could not be built: " + problem : "the HTTP client is closed (the run is over)";
      logger().underlying().error(failure);
      rows.next().$bang(session.set(StreamEnd.ATTRIBUTE, new StreamEnd(failure, null)).markAsFailed());
      return;
    }
    StreamExchange exchange = null;
    try {
      io.gatling.javaapi.core.Session javaSession = new io.gatling.javaapi.core.Session(session);
      exchange = new StreamExchange(rows, session, ((Success<String>) name).value(), trackers.apply(javaSession));
      onStart.accept(javaSession, exchange);
      SslContextsHolder ssl = io.gatling.http.cache.SslContextSupport$.MODULE$.sslContexts(session).getOrElse(() -> null);
      client.sendRequest(((Success<Request>) built).value(), sharedConnections ? -1 : session.userId(), session.eventLoop(), exchange, ssl);
    } catch (RuntimeException e) {
      // the request ends here, as failed, and the user moves on (the next action completes its tracker)
      String failure = "the request could not be sent: " + StreamExchange.describe(e);
      logger().underlying().error(failure, e);
      if (exchange != null) {
        exchange.abort(failure);
      } else {
        rows.next().$bang(session.set(StreamEnd.ATTRIBUTE, new StreamEnd(failure, null)).markAsFailed());
      }
    }
  }

  private static String firstFailure(Validation<?>... validations) {
    for (Object v : validations) {
      if (v instanceof Failure f) {
        return f.message();
      }
    }
    return null;
  }
}
