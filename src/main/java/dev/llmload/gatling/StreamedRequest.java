package dev.llmload.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.llmload.config.LlmSettings;
import dev.llmload.gatling.internal.AwaitArrival;
import dev.llmload.gatling.internal.OffEventLoop;
import dev.llmload.gatling.internal.OpenInjection;
import dev.llmload.gatling.internal.StreamEnd;
import dev.llmload.gatling.internal.StreamingConnect;
import dev.llmload.metrics.FailureKind;
import dev.llmload.openai.RequestBodies;
import dev.llmload.openai.StreamReply;
import dev.llmload.openai.TransportFailure;
import dev.llmload.recording.RunRecorder;
import dev.llmload.recording.StreamTracker;
import dev.llmload.run.ReplicaBalancer;
import dev.llmload.workload.ArrivalPlan;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource;
import dev.llmload.workload.Workload;
import dev.llmload.workload.conversations.Conversation;
import dev.llmload.workload.conversations.Conversations;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Gatling chain of one measured request: take the next request from the workload's {@link RequestSource}, stamp
 * the send (an open workload's user first waits for its scheduled time and a slot), start the watchdog (headers,
 * idle), stream until {@code [DONE]}, hand the times and any transport failure to the recorder, and after a failure
 * pause a closed workload's user. A closed workload with conversations runs one conversation per user, a turn being one
 * such request ({@link #conversation}).
 */
final class StreamedRequest {

  /** Gatling's report rows: the first is send to response headers, not TTFT. */
  static final String CONNECT_ROW = "time to headers (send -> response headers)";
  static final String STREAM_ROW = "stream (headers -> [DONE])";
  private static final String TRACKER = "llm.tracker";
  private static final String BODY = "llm.body";
  private static final String FAILED = "llm.failed";
  private static final String REPLICA = "llm.replica";
  private static final String URL = "llm.url";

  /**
   * What the run made before the first request: the model, the recorder, the replicas, and where each request's event
   * loop is registered for the client's scheduling-delay probe (a no-op without telemetry).
   */
  record Started(String model, RunRecorder recorder, ReplicaBalancer replicas, java.util.function.Consumer<java.util.concurrent.Executor> eventLoops) {

    Started(String model, RunRecorder recorder, ReplicaBalancer replicas) {
      this(model, recorder, replicas, loop -> {});
    }
  }

  private final LlmSettings settings;
  private final Workload workload;
  private final Supplier<Started> started;
  private final OpenRequests openRequests = new OpenRequests();
  private final OpenInjection.Tickets tickets = new OpenInjection.Tickets();
  private final AwaitArrival.SlotGate gate;
  private final java.util.List<StreamingConnect> connects = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final String CONVERSATION = "llm.conversation";
  private static final String TURN_END = "llm.turnEnd";
  /** Reads conversations' replies off the event loops; null without conversations. */
  private final java.util.concurrent.ExecutorService replies;

  StreamedRequest(LlmSettings settings, Workload workload, Supplier<Started> started) {
    this.settings = settings;
    this.workload = workload;
    this.started = started;
    this.gate = new AwaitArrival.SlotGate(workload instanceof Workload.Open open ? open.maxInFlight()
        : workload instanceof Workload.RateSweep sweep ? sweep.maxInFlight() : 0);
    this.replies = conversations().isEmpty() ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "llm-replies");
      t.setDaemon(true);
      return t;
    });
  }

  OpenInjection.Tickets tickets() {
    return tickets;
  }

  /** Closes the connections of the run's HTTP client. */
  void close() {
    connects.forEach(StreamingConnect::close);
    if (replies != null) {
      replies.shutdownNow();
    }
  }

  /** The chain of a closed workload's user ({@code open} false) or an open workload's ({@code open} true). */
  ChainBuilder chain(boolean open) {
    HttpRequestActionBuilder request = http(CONNECT_ROW)
        .post(session -> session.getString(URL))
        .header("X-Request-Id", session -> tracker(session).requestId())
        .header("Cache-Control", "no-cache");
    if (settings.target().apiKey().isPresent()) {
      String authorization = "Bearer " + settings.target().apiKey().get().reveal();
      request = request.header("Authorization", session -> authorization);
    }
    Duration headers = settings.timeouts().headers();
    Duration idle = settings.timeouts().idle();
    request = request.body(StringBody(session -> session.getString(BODY)))
        .sign((r, session) -> {
          tracker(session).onWrite();
          return r;
        });
    StreamingConnect stream = new StreamingConnect(request, STREAM_ROW, settings.timeouts().request(), StreamedRequest::tracker,
        (session, control) -> StreamWatchdog.watch(tracker(session), control, session.asScala().eventLoop(), headers, idle), openRequests,
        settings.http().keepAliveIdle());
    connects.add(stream);
    Duration pause = settings.request().pauseAfterError();
    if (open) {
      ChainBuilder send = exec(this::beginScheduled).exec(stream).exec(this::complete);
      return exec(new AwaitArrival(tickets, gate, () -> started.get().recorder().stopRequested()))
          .doIf(session -> !session.contains(AwaitArrival.SKIP)).then(send);
    }
    if (conversations().isPresent()) {
      return conversation(conversations().get(), stream, pause);
    }
    return doIf(session -> started.get().recorder().mayStart()).then(
        exec(this::beginClosed)
            .exec(stream)
            .exec(this::complete)
            .doIf(session -> session.getBoolean(FAILED) && !pause.isZero()).then(pause(pause)));
  }

  private Session beginClosed(Session session) {
    StreamTracker t = started.get().recorder().begin();
    RequestSource.PlannedRequest request = workload.requests().next(started.get().recorder().schedule().level(t.level()));
    t.labels(request.labels());
    return sending(session, t, request);
  }

  private Session beginScheduled(Session session) {
    ArrivalPlan.Arrival arrival = (ArrivalPlan.Arrival) session.get(AwaitArrival.ARRIVAL);
    RequestSource.PlannedRequest request = workload.requests().next(started.get().recorder().schedule().level(arrival.level()));
    StreamTracker t = started.get().recorder().beginScheduled(arrival.level(), tickets.anchorNanos() + arrival.atNanos(), request.labels());
    return sending(session, t, request);
  }

  /** The request goes to the replica picked now, at send time; its record names that replica's base URL. */
  private Session sending(Session session, StreamTracker t, RequestSource.PlannedRequest request) {
    ReplicaBalancer.Replica replica = started.get().replicas().pick();
    t.endpoint(replica.baseUrl());
    openRequests.add(t);
    t.requested(request.inputTokens(), requestedOutputTokens(request));
    return session.set(TRACKER, t).set(BODY, body(request)).set(REPLICA, replica).set(URL, replica.requestUrl());
  }

  /**
   * The JSON body for {@code request} (its messages when it has some, its own max_tokens when it has one), built per
   * request: prompts are unique by default, so there is nothing to reuse.
   */
  private String body(RequestSource.PlannedRequest request) {
    return RequestBodies.streaming(settings.target().api(), started.get().model(), request, settings.request());
  }

  /**
   * The output length a request asks to be generated exactly: its max_tokens when the body also says ignore_eos or
   * min_tokens; -1 when max_tokens is only a cap.
   */
  private int requestedOutputTokens(RequestSource.PlannedRequest request) {
    boolean exact = settings.request().ignoreEos() || request.maxTokens() > 0 && settings.request().sendsMinTokens();
    return !exact ? -1 : request.maxTokens() > 0 ? request.maxTokens() : settings.request().maxTokens();
  }


  private Session complete(Session session) {
    try {
      started.get().eventLoops().accept(session.asScala().eventLoop());
      return record(session);
    } finally {
      gate.release();
    }
  }

  private Session record(Session session) {
    StreamTracker t = tracker(session);
    RunRecorder recorder = started.get().recorder();
    openRequests.remove(t);
    if (session.contains(REPLICA)) {
      started.get().replicas().release(session.get(REPLICA));
    }
    StreamEnd end = session.contains(StreamEnd.ATTRIBUTE) ? session.get(StreamEnd.ATTRIBUTE) : null;
    TransportFailure failure = session.isFailed() || end != null && end.failed() ? transportFailure(end, t.count() > 0 ? CrashMessages.Progress.MESSAGES
        : t.headersNanos() >= 0 ? CrashMessages.Progress.HEADERS : CrashMessages.Progress.NOTHING) : null;
    recorder.complete(t, failure);
    Session done = session.remove(TRACKER).remove(BODY).remove(REPLICA).remove(URL).remove(StreamEnd.ATTRIBUTE).set(FAILED, failure != null)
        .markAsSucceeded();
    return replies == null ? done : done.set(TURN_END, new TurnEnd(t, failure));
  }

  private TransportFailure transportFailure(StreamEnd end, CrashMessages.Progress progress) {
    if (end == null || !end.failed()) {
      return new TransportFailure(FailureKind.TRANSPORT_ERROR, "the request failed (Gatling gave no reason)", -1);
    }
    TransportFailure failure = CrashMessages.parse(end.failure(), "llm.timeouts.request (" + settings.timeouts().request().toSeconds() + " s)", progress);
    return withErrorBody(failure, end.body());
  }

  /** An HTTP error's message, with the start of the body the server sent (when it came with the headers). */
  static TransportFailure withErrorBody(TransportFailure failure, String body) {
    if (body == null || failure.httpStatus() < 400) {
      return failure;
    }
    return new TransportFailure(failure.kind(), failure.message() + ": " + body, failure.httpStatus());
  }

  private static StreamTracker tracker(Session session) {
    return session.get(TRACKER);
  }

  // ---- conversations ----

  /** A turn's stream and what the HTTP layer reported about it ({@code failure} null when nothing). */
  private record TurnEnd(StreamTracker tracker, TransportFailure failure) {}

  private java.util.Optional<Conversations> conversations() {
    return workload instanceof Workload.Closed closed ? closed.conversations() : java.util.Optional.empty();
  }

  /**
   * A closed workload's user running one conversation: each turn is a measured request like a single one (its record
   * labelled with the conversation and the turn); once it ended, its reply is read off the event loop into the history;
   * then the think time before the next turn. A failed turn ends the conversation (then the pause after an error); so
   * do a stopped run and the end of the schedule (no turn starts after it). Gatling then starts the next user, with a
   * new conversation.
   */
  private ChainBuilder conversation(Conversations conversations, StreamingConnect stream, Duration pauseAfterError) {
    Duration think = conversations.thinkTime();
    ChainBuilder turn = exec(session -> beginTurn(session, conversations))
        .exec(stream)
        .exec(this::complete)
        .exec(new OffEventLoop("llmReadReply", replies, this::readReply))
        .doIf(session -> !think.isZero() && conversation(session).hasNextTurn()).then(pause(think));
    return asLongAs(session -> (!session.contains(CONVERSATION) || conversation(session).hasNextTurn()) && mayStartTurn(session))
        .on(turn)
        .doIf(session -> session.contains(CONVERSATION) && conversation(session).hasFailed() && !pauseAfterError.isZero())
        .then(pause(pauseAfterError))
        .exec(session -> session.remove(CONVERSATION));
  }

  /** A conversation's first turn goes whenever a request may start; a later one only while the schedule runs. */
  private boolean mayStartTurn(Session session) {
    RunRecorder recorder = started.get().recorder();
    if (session.contains(CONVERSATION)) {
      long anchor = recorder.anchorNanos();
      if (anchor != Long.MIN_VALUE && System.nanoTime() - anchor >= recorder.schedule().totalDuration().toNanos()) {
        return false;
      }
    }
    return recorder.mayStart();
  }

  /** Starts the user's conversation on its first turn, in the level the turn starts in, and sends the next turn. */
  private Session beginTurn(Session session, Conversations conversations) {
    StreamTracker t = started.get().recorder().begin();
    LoadLevel level = started.get().recorder().schedule().level(t.level());
    Conversation c = session.contains(CONVERSATION) ? conversation(session) : conversations.start(level);
    RequestSource.PlannedRequest request = c.nextTurn(level);
    t.labels(request.labels());
    return sending(session.set(CONVERSATION, c), t, request);
  }

  /** Off the event loop: the turn's reply joins the history, or the failed turn ends the conversation. */
  private Session readReply(Session session) {
    TurnEnd end = session.get(TURN_END);
    StreamReply reply = end.tracker().reply(end.failure());
    if (reply.successful()) {
      conversation(session).replied(reply.text());
    } else {
      conversation(session).failed();
    }
    return session.remove(TURN_END);
  }

  private static Conversation conversation(Session session) {
    return session.get(CONVERSATION);
  }
}
