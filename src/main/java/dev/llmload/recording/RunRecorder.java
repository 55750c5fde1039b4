package dev.llmload.recording;

import dev.llmload.metrics.OutputText;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.metrics.RunAggregator;
import dev.llmload.metrics.SaturationCheck;
import dev.llmload.openai.AssembledStream;
import dev.llmload.openai.StreamAssembler;
import dev.llmload.openai.TransportFailure;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.RequestLog;
import dev.llmload.workload.LevelSchedule;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns finished {@link StreamTracker}s into {@link RequestRecord}s. {@link #begin} and {@link #complete} run on
 * Gatling's event loops and only stamp, count and enqueue; parsing, {@code requests.jsonl} and aggregation run
 * on one recorder thread. Times are kept relative to the run clock's anchor: Gatling's injection start
 * ({@link #anchorAtInjectionStart}), the instant the level schedule starts. A closed workload's request belongs to
 * the level of the injection batch in force when it started ({@link #onClosedBatch}: Gatling's own view of which
 * step added the user); without batches, to the level running at its send time. It is warm-up when it was sent
 * before its level's measured window.
 */
public final class RunRecorder {

  /** Levels a schedule may gain while the run goes (a rate sweep's rates). */
  static final int MAX_ADDED_LEVELS = 100;
  private volatile LevelSchedule schedule;
  private final RequestLog log;
  private final ConsoleReporter console;
  private final String endpoint;
  private final RunAggregator aggregator;
  private final ScheduledExecutorService thread;
  private final AtomicLong anchorNanos = new AtomicLong(Long.MIN_VALUE);
  private volatile long anchorEpochMillis = -1;
  private volatile boolean anchoredAtInjection;
  private volatile int closedBatch = -1;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicIntegerArray outstanding;
  private final String idPrefix;
  private Consumer<RequestRecord> listener = r -> {};
  private volatile SaturationCheck saturation = SaturationCheck.never();
  private volatile long maxDurationMicros;
  private volatile long maxRequests;
  private final AtomicLong started = new AtomicLong();
  private volatile String stopReason;
  private volatile int unrecorded;
  private volatile long stopMicros = -1;
  private int nextLevelToPrint;
  private int nextLevelToCheck;
  /** The saturation verdict on a level waits at most this long after its window for its last requests. */
  static final long VERDICT_WAIT_MICROS = 5_000_000;
  private boolean logFailed;

  public RunRecorder(LevelSchedule schedule, RequestLog log, ConsoleReporter console, String endpoint, String idPrefix) {
    this(schedule, log, console, java.util.List.of(endpoint), idPrefix);
  }

  /**
   * A recorder for requests spread over several base URLs (replicas): each record names the one its tracker went to
   * ({@link StreamTracker#endpoint()}, the first of {@code endpoints} when unset), and the aggregate breaks every metric
   * down per endpoint when there are several.
   */
  public RunRecorder(LevelSchedule schedule, RequestLog log, ConsoleReporter console, java.util.List<String> endpoints, String idPrefix) {
    this.schedule = schedule;
    this.log = log;
    this.console = console;
    this.endpoint = endpoints.get(0);
    this.idPrefix = idPrefix;
    this.aggregator = new RunAggregator(schedule, endpoints);
    this.outstanding = new AtomicIntegerArray(schedule.levels().size() + MAX_ADDED_LEVELS);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "llm-recorder");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::printFinishedLevels, 500, 500, TimeUnit.MILLISECONDS);
  }

  /**
   * Ends the run early: after a level that {@code check} finds saturated, or once {@code maxDuration} has passed
   * (zero: no limit). The verdict on a level comes once its last request has ended, or {@link #VERDICT_WAIT_MICROS}
   * after its window with what was recorded by then (the next level has started meanwhile: it stops starting
   * requests, and the summary leaves it out). Set before the first request.
   */
  public void stopWhen(SaturationCheck check, java.time.Duration maxDuration) {
    this.saturation = check;
    this.maxDurationMicros = maxDuration.toNanos() / 1_000;
  }

  /**
   * Judges every level by {@code slo} and prices its tokens at {@code cost} ({@link RunAggregator#judgeBy}). Set before
   * the first request.
   */
  public void judgeBy(dev.llmload.config.SloSettings slo, dev.llmload.config.CostSettings cost) {
    thread.execute(() -> aggregator.judgeBy(slo, cost));
  }

  /** The schedule, as extended so far. */
  public LevelSchedule schedule() {
    return schedule;
  }

  /**
   * The run goes on with {@code extended} (this schedule plus levels after it): requests may be attributed to the new
   * levels from now on; the aggregation follows on the recorder thread.
   */
  public void extend(LevelSchedule extended) {
    if (extended.levels().size() > outstanding.length()) {
      throw new IllegalArgumentException("a run may add at most " + MAX_ADDED_LEVELS + " levels, had " + extended.levels().size());
    }
    schedule = extended;
    thread.execute(() -> aggregator.extend(extended));
  }

  /**
   * The summary of level {@code index} once every request completed so far is recorded (waits for the recorder thread,
   * at most {@code wait}).
   */
  public dev.llmload.metrics.LevelSummary settledSummary(int index, Duration wait) throws InterruptedException {
    try {
      return thread.submit(() -> aggregator.summary(index)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the summary of level " + index + " could not be computed: " + e, e);
    }
  }

  /** Finished requests {@link #finish} had to leave out of the aggregate (their lines may be in the log), 0 normally. */
  public int unrecorded() {
    return unrecorded;
  }

  /**
   * A closed workload stops starting requests once {@code count} have started (0: no limit); requests in flight
   * finish. Set before the first request.
   */
  public void stopAfterRequests(long count) {
    this.maxRequests = count;
  }

  /**
   * Called by a closed workload's user before it starts a request: false once the run stopped (a saturated level,
   * the maximum duration, the request count reached) - the user then sends nothing.
   */
  public boolean mayStart() {
    if (stopReason != null) {
      return false;
    }
    long limit = maxRequests;
    if (limit > 0) {
      long n = started.incrementAndGet();
      if (n > limit) {
        return false;
      }
      if (n == limit) {
        long elapsed = anchorNanos.get() == Long.MIN_VALUE ? 0 : (System.nanoTime() - anchorNanos.get()) / 1_000;
        stop("the run reached llm.workload.requests (" + limit + " requests)", UNTIL_THE_END);
      }
    }
    return true;
  }

  /** True once the run should start no more requests. */
  public boolean stopRequested() {
    return stopReason != null;
  }

  /** Why the run stopped before its schedule ended, null when it did not. */
  public String stopReason() {
    return stopReason;
  }

  /** {@link #stopMicros()} of a run whose measurement goes on until its last request ended. */
  public static final long UNTIL_THE_END = Long.MAX_VALUE;

  /**
   * Where the measurement ends when the run stopped early (run clock microseconds; {@link #UNTIL_THE_END}: until the
   * last request ended), -1 when it did not stop early.
   */
  public long stopMicros() {
    return stopMicros;
  }

  private void stop(String reason, long atMicros) {
    if (stopReason == null) {
      stopMicros = atMicros;
      stopReason = reason;
      console.info("stopping: " + reason + "; requests in flight finish, no new one starts");
    }
  }

  /** Also hands every record to {@code listener}, on the recorder thread (tests, ground-truth checks). */
  public void onRecord(Consumer<RequestRecord> listener) {
    this.listener = listener;
  }

  /**
   * Anchors the run clock: called by Gatling's injector the instant it starts injecting (see
   * {@code InjectionAnchor}). The first call wins.
   */
  public void anchorAtInjectionStart(long nanos, long epochMillis) {
    if (anchorNanos.compareAndSet(Long.MIN_VALUE, nanos)) {
      anchorEpochMillis = epochMillis;
      anchoredAtInjection = true;
    }
  }

  /** Gatling's injector ran a closed workload's batch {@code batch}: users starting from now on are of its level. */
  public void onClosedBatch(int batch) {
    closedBatch = batch;
  }

  /** Called right before a closed workload's request is sent. */
  public StreamTracker begin() {
    return begin(System.nanoTime());
  }

  /**
   * Called right before an open workload's request is sent: it belongs to {@code level}, the level of its scheduled
   * time, and is warm-up when it was scheduled before the level's measured window.
   *
   * @param scheduledNanos when the workload meant to send it ({@code System.nanoTime()} clock)
   */
  public StreamTracker beginScheduled(int level, long scheduledNanos, java.util.Map<String, String> labels) {
    long now = System.nanoTime();
    if (anchorNanos.compareAndSet(Long.MIN_VALUE, scheduledNanos)) {
      anchorEpochMillis = System.currentTimeMillis();
    }
    long scheduledMicros = (scheduledNanos - anchorNanos.get()) / 1_000;
    outstanding.incrementAndGet(level);
    return new StreamTracker(idPrefix + ids.incrementAndGet(), level, scheduledMicros < schedule.measuredStartMicros(level),
        inFlight.incrementAndGet(), scheduledNanos, now, labels);
  }

  /** {@link #begin()} at {@code now} ({@code System.nanoTime()}). */
  StreamTracker begin(long now) {
    if (anchorNanos.compareAndSet(Long.MIN_VALUE, now)) {
      anchorEpochMillis = System.currentTimeMillis(); // a simulation that did not anchor its population: the first send
    }
    long elapsedMicros = (now - anchorNanos.get()) / 1_000;
    int batch = closedBatch;
    int level = batch >= 0 ? schedule.levelOfClosedBatch(batch) : schedule.levelIndexAt(elapsedMicros);
    outstanding.incrementAndGet(level);
    StreamTracker tracker = new StreamTracker(idPrefix + ids.incrementAndGet(), level, elapsedMicros < schedule.measuredStartMicros(level),
        inFlight.incrementAndGet(), now);
    return tracker;
  }

  /**
   * Called when the request's chain is over, whatever happened.
   *
   * @param failure what the HTTP layer reported, null when it reported nothing
   */
  public void complete(StreamTracker tracker, TransportFailure failure) {
    tracker.finish();
    // A failed stream ends at its last message (Gatling may report a cut seconds later), or now if none came.
    long end = tracker.done() ? tracker.doneNanos() : tracker.count() > 0 && failure != null ? tracker.lastMessageNanos() : System.nanoTime();
    inFlight.decrementAndGet();
    thread.execute(() -> record(tracker, end, failure));
  }

  /** The {@code System.nanoTime()} of the run clock's zero, or {@link Long#MIN_VALUE} before it was set. */
  public long anchorNanos() {
    return anchorNanos.get();
  }

  /** The run clock's zero in wall-clock time (epoch milliseconds), -1 before it was set. */
  public long anchorEpochMillis() {
    return anchorEpochMillis;
  }

  /** True when the clock was anchored at Gatling's injection start, false when at the first send (fallback). */
  public boolean anchoredAtInjection() {
    return anchoredAtInjection;
  }

  private void record(StreamTracker t, long endNanos, TransportFailure failure) {
    StringBuilder reply = new StringBuilder();
    AssembledStream stream = StreamAssembler.assemble(t.nanos(), t.messages(), t.count(), reply);
    AssembledStream.Classification c = stream.classify(t.count(), failure);
    int status = failure != null && failure.httpStatus() > 0 ? failure.httpStatus() : t.count() > 0 ? 200 : -1;
    String errorMessage = c.errorMessage() != null && t.resendNanos() >= 0
        ? "re-sent on a fresh connection after the kept-alive one closed before any response; then: " + c.errorMessage()
        : c.errorMessage();
    long anchor = anchorNanos.get();
    long[] chunkMicros = new long[stream.contentNanos().length];
    for (int i = 0; i < chunkMicros.length; i++) {
      chunkMicros[i] = micros(stream.contentNanos()[i], anchor);
    }
    long sendMicros = micros(t.sendNanos(), anchor);
    long headersMicros = t.headersNanos() < 0 ? -1 : micros(t.headersNanos(), anchor);
    long resendMicros = t.resendNanos() < 0 ? -1 : micros(t.resendNanos(), anchor);
    long scheduledMicros = t.scheduledNanos() < 0 ? -1 : micros(t.scheduledNanos(), anchor);
    OutputText.Counts text = OutputText.of(reply.toString());
    RequestRecord r = new RequestRecord(t.requestId(), t.level(), t.warmup(), t.inFlightAtSend(), scheduledMicros, sendMicros,
        resendMicros < 0 ? 0 : 1, resendMicros, headersMicros, chunkMicros, Math.max(sendMicros, micros(endNanos, anchor)), c.outcome(),
        c.errorKind(), errorMessage, stream.promptTokens(), stream.completionTokens(), stream.finishReason(), status, stream.malformed(),
        stream.malformedSample(), t.endpoint() != null ? t.endpoint() : endpoint, t.labels(), stream.cachedPromptTokens(),
        t.requestedInputTokens(), t.requestedOutputTokens(), text.chars(), text.words(), text.distinctWords());
    try {
      appendToLog(r);
      aggregator.add(r);
      listener.accept(r);
    } finally {
      outstanding.decrementAndGet(t.level());
    }
  }

  /** A log that cannot be written (disk full) is said once; the summary still gets every record. */
  private void appendToLog(RequestRecord r) {
    try {
      log.append(r);
    } catch (java.io.UncheckedIOException e) {
      if (!logFailed) {
        logFailed = true;
        console.error(e.getMessage() + " (" + e.getCause().getMessage() + "); the summary is still built from every request");
      }
    }
  }

  private static long micros(long nanos, long anchor) {
    return (nanos - anchor) / 1_000;
  }

  /** Prints each level once its time is over and all its requests have been recorded. */
  private void printFinishedLevels() {
    long anchor = anchorNanos.get();
    if (anchor == Long.MIN_VALUE) {
      return;
    }
    long elapsedMicros = (System.nanoTime() - anchor) / 1_000;
    LevelSchedule s = schedule;
    // the verdict: once the level's requests are all recorded, or a few seconds after its window with what is
    // recorded by then (a saturated server's slowest requests would otherwise keep the next level running)
    while (nextLevelToCheck < s.levels().size() && elapsedMicros >= s.measuredEndMicros(nextLevelToCheck)
        && (outstanding.get(nextLevelToCheck) == 0 || elapsedMicros >= s.measuredEndMicros(nextLevelToCheck) + VERDICT_WAIT_MICROS)) {
      int index = nextLevelToCheck++;
      if (stopReason == null && index + 1 < s.levels().size()) {
        dev.llmload.metrics.LevelSummary level = aggregator.summary(index);
        saturation.check(level).ifPresent(why -> stop("the sweep stopped after " + level.label() + ": " + why, s.measuredEndMicros(index)));
      }
    }
    while (nextLevelToPrint < s.levels().size()
        && elapsedMicros >= s.measuredEndMicros(nextLevelToPrint)
        && outstanding.get(nextLevelToPrint) == 0) {
      console.level(aggregator.summary(nextLevelToPrint++));
    }
    if (maxDurationMicros > 0 && elapsedMicros >= maxDurationMicros) {
      stop("the run reached llm.stop.maxDuration (" + maxDurationMicros / 1_000_000 + " s)", elapsedMicros);
    }
  }

  /**
   * Waits until every completed request is recorded (at most {@code wait}), prints the levels not printed yet
   * and returns the aggregate. Requests still in flight are not waited for.
   */
  public RunAggregator finish(Duration wait) throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      // the backlog did not drain in time: drop what is still queued, so nothing adds to the aggregate while it is read
      unrecorded = thread.shutdownNow().size();
      thread.awaitTermination(5, TimeUnit.SECONDS);
    }
    while (nextLevelToPrint < schedule.levels().size()) {
      console.level(aggregator.summary(nextLevelToPrint++));
    }
    return aggregator;
  }

  public int inFlight() {
    return inFlight.get();
  }
}
