package dev.llmload.gatling.internal;

import io.gatling.commons.util.Clock;
import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.http.action.sse.SseMessageCheckSequenceBuilder;
import io.gatling.http.action.sse.SseMessageCheckSequenceBuilder$;
import io.gatling.http.action.sse.fsm.SseFsm;
import io.gatling.http.action.sse.fsm.SseFsm$;
import io.gatling.http.check.sse.SseMessageCheckSequence;
import io.gatling.http.client.Request;
import io.gatling.http.protocol.HttpComponents;
import java.util.function.BiConsumer;
import scala.Function1;
import scala.collection.immutable.List;

/**
 * Gatling's SSE connect action (what {@code io.gatling.http.action.sse.SseConnect} does), with one addition: the
 * stream's state machine is handed to {@code onStart} right before the request is sent, on the virtual user's
 * event loop. Gatling offers no other way to reach a stream before its response headers arrive, and a watchdog
 * needs it to end a request whose headers never come.
 */
final class WatchedSseConnect extends JavaAction {

  private final Function1<Session, Validation<String>> requestName;
  private final Function1<Session, Validation<String>> sseName;
  private final Function1<Session, Validation<Request>> request;
  private final List<SseMessageCheckSequenceBuilder> checkSequences;
  private final StatsEngine statsEngine;
  private final Clock clock;
  private final HttpComponents components;
  private final io.gatling.http.engine.HttpEngine engine;
  private final BiConsumer<io.gatling.javaapi.core.Session, Object> onStart;
  private final Action next;

  WatchedSseConnect(Function1<Session, Validation<String>> requestName, Function1<Session, Validation<String>> sseName,
      Function1<Session, Validation<Request>> request, List<SseMessageCheckSequenceBuilder> checkSequences, StatsEngine statsEngine,
      Clock clock, HttpComponents components, io.gatling.http.engine.HttpEngine engine,
      BiConsumer<io.gatling.javaapi.core.Session, Object> onStart, Action next) {
    super("llmSseConnect");
    this.engine = engine;
    this.requestName = requestName;
    this.sseName = sseName;
    this.request = request;
    this.checkSequences = checkSequences;
    this.statsEngine = statsEngine;
    this.clock = clock;
    this.components = components;
    this.onStart = onStart;
    this.next = next;
  }

  @Override
  public void execute(Session session) {
    Validation<String> reqName = requestName.apply(session);
    Validation<String> fsmName = sseName.apply(session);
    Validation<Request> req = request.apply(session);
    Validation<List<SseMessageCheckSequence>> checks = SseMessageCheckSequenceBuilder$.MODULE$.resolve(checkSequences, session);
    String failure = firstFailure(reqName, fsmName, req, checks);
    if (failure != null) {
      logger().underlying().error("SSE connect could not be built: {}", failure);
      next.$bang(session.markAsFailed());
      return;
    }
    String name = value(fsmName);
    SseFsm fsm = SseFsm$.MODULE$.apply(session, name, value(reqName), value(req), value(checks), statsEngine,
        engine, components.httpProtocol(), clock);
    Session withFsm = session.set(name, fsm);
    onStart.accept(new io.gatling.javaapi.core.Session(withFsm), fsm);
    fsm.onPerformInitialConnect(withFsm, next);
  }

  private static String firstFailure(Validation<?>... validations) {
    for (Validation<?> v : validations) {
      if (v instanceof Failure f) {
        return f.message();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <T> T value(Validation<T> v) {
    return ((Success<T>) v).value();
  }
}
