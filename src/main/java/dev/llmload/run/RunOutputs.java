package dev.llmload.run;

import dev.llmload.config.LlmSettings;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.metrics.RunAggregator;
import dev.llmload.metrics.SaturationCheck;
import dev.llmload.recording.RunRecorder;
import dev.llmload.nightly.Gates;
import dev.llmload.nightly.JUnitXml;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.RequestInfo;
import dev.llmload.report.RequestLog;
import dev.llmload.report.RunClock;
import dev.llmload.report.RunDirectory;
import dev.llmload.report.RunManifest;
import dev.llmload.report.RunSummary;
import dev.llmload.report.TargetInfo;
import dev.llmload.tokens.TokenCounter;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.Preparation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A run's folder and everything written to it: {@code run.json} before the first request (and again with the run
 * clock), {@code requests.jsonl} as requests finish (through the {@link RunRecorder} made here), and the reports at
 * the end - or, when the JVM is stopped first, a partial report of what was measured.
 */
public final class RunOutputs {

  private final RunDirectory directory;
  private final RequestLog requestLog;
  private final RunRecorder recorder;
  private final ConsoleReporter console;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch reportsWritten = new java.util.concurrent.CountDownLatch(1);
  private volatile RunManifest manifest;
  private volatile dev.llmload.config.HistorySettings history;
  private volatile dev.llmload.config.BaselineSettings baseline = dev.llmload.config.BaselineSettings.NONE;
  private volatile List<dev.llmload.config.Gate> gates = List.of();
  private volatile dev.llmload.telemetry.RunTelemetry telemetry;

  private RunOutputs(RunDirectory directory, RunManifest manifest, RequestLog requestLog, RunRecorder recorder, ConsoleReporter console) {
    this.directory = directory;
    this.manifest = manifest;
    this.requestLog = requestLog;
    this.recorder = recorder;
    this.console = console;
  }

  /**
   * Creates the run folder with {@code run.json} and an open {@code requests.jsonl}, and the recorder that appends to
   * it; registers the partial report for a JVM stopped before {@link #finish()}.
   *
   * @param gatlingReport path of Gatling's report, relative to the run folder
   * @param onRecord receives every record on the recorder thread
   */
  public static RunOutputs open(LlmSettings settings, String simulation, OffsetDateTime startedAt, Target target, LevelSchedule schedule,
      String gatlingReport, ConsoleReporter console, Consumer<RequestRecord> onRecord) {
    return open(settings, simulation, startedAt, target, schedule, gatlingReport, console, onRecord, null);
  }

  /**
   * Like {@link #open(LlmSettings, String, OffsetDateTime, Target, LevelSchedule, String, ConsoleReporter, Consumer)},
   * with what the request source's preparation found (token counter, calibration), for the summary; null: nothing.
   */
  public static RunOutputs open(LlmSettings settings, String simulation, OffsetDateTime startedAt, Target target, LevelSchedule schedule,
      String gatlingReport, ConsoleReporter console, Consumer<RequestRecord> onRecord, Preparation preparation) {
    // a named target's runs are told apart by their folders too: <Simulation>-<name>-<time>
    RunDirectory directory = RunDirectory.create(settings.report().dir(), settings.target().name().map(n -> simulation + "-" + n)
        .orElse(simulation), LocalDateTime.now());
    RunManifest manifest = RunManifest.of(simulation, directory.runId(), startedAt.toString(),
        new TargetInfo(target.baseUrl().toString(), target.model(), settings.target().api().configName(), target.server() != null,
            target.server() == null ? null : target.server().settings().preset(), endpoints(target),
            target.baseUrls().size() > 1 ? settings.target().balancing().configName() : null, settings.target().name().orElse(null)),
        new RequestInfo(settings.request().maxTokens(), settings.request().ignoreEos(), settings.request().prompt().length(),
            settings.request().uniquePrompts(),
            preparation == null ? null : preparation.tokenCounterIfChosen().map(TokenCounter::source).orElse(null),
            preparation == null ? List.of() : preparation.calibration(), settings.request().lengthsAskedFor(),
            RequestInfo.Conversation.of(settings.request().conversation())),
        schedule, gatlingReport, target.quirks(), settings.slo(), settings.cost());
    RequestLog log;
    try {
      manifest.write(directory.path());
      log = new RequestLog(directory.file(RequestLog.FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run folder " + directory.path(), e);
    }
    RunRecorder recorder = new RunRecorder(schedule, log, console, endpoints(target), "r-");
    recorder.onRecord(onRecord);
    recorder.judgeBy(settings.slo(), settings.cost());
    recorder.stopWhen(new SaturationCheck(settings.stop().errorRate(), settings.stop().ttftP50(), settings.stop().achievedRateShare()),
        settings.stop().maxDuration());
    RunOutputs outputs = new RunOutputs(directory, manifest, log, recorder, console);
    outputs.history = settings.history();
    outputs.baseline = settings.baseline();
    outputs.gates = settings.gates();
    Runtime.getRuntime().addShutdownHook(new Thread(outputs::finishIfStopped, "llm-partial-report"));
    return outputs;
  }

  /** The base URLs requests go to, as records and reports name them. */
  private static List<String> endpoints(Target target) {
    return target.baseUrls().stream().map(Object::toString).toList();
  }

  public RunRecorder recorder() {
    return recorder;
  }

  public Path folder() {
    return directory.path();
  }

  /** The run goes on with {@code extended}'s levels: the recorder attributes to them, run.json lists them. */
  public void extendSchedule(LevelSchedule extended) {
    recorder.extend(extended);
    manifest = manifest.withSchedule(extended);
    saveManifestLater("the added levels");
  }

  /** What the run reads besides its requests (null: nothing); summed up into the report at the end. */
  public void readTelemetry(dev.llmload.telemetry.RunTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** Writes the run clock's anchor into {@code run.json}, off the calling thread (Gatling's injector). */
  public void recordRunClock() {
    dev.llmload.telemetry.RunTelemetry t = telemetry;
    if (t != null) {
      t.anchor(recorder.anchorNanos());
    }
    manifest = manifest.withRunClock(RunClock.of(recorder.anchorEpochMillis(), recorder.anchoredAtInjection()));
    saveManifestLater("the run clock");
  }

  /** Rewrites run.json with the manifest as it is when the write runs, one write at a time. */
  private void saveManifestLater(String what) {
    CompletableFuture.runAsync(() -> {
      synchronized (directory) {
        try {
          manifest.write(directory.path());
        } catch (IOException e) {
          console.error("cannot rewrite " + RunManifest.FILE_NAME + " with " + what + ": " + e.getMessage());
        }
      }
    });
  }

  /** After the last request: summary.json, summary.csv and index.html; null when already written. */
  public RunSummary finish() {
    if (!finished.compareAndSet(false, true)) {
      return null;
    }
    try {
      return writeReports(null);
    } finally {
      reportsWritten.countDown();
    }
  }

  /**
   * The JVM is going down (Ctrl-C, SIGTERM) before {@link #finish()}: the report of what was measured so far,
   * marked partial. Requests still in flight are not waited for.
   */
  void finishIfStopped() {
    if (!finished.compareAndSet(false, true)) {
      // the reports are being written (Ctrl-C while the run was finishing): let them be, a little while
      try {
        reportsWritten.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      writeReports(String.format(Locale.ROOT, "stopped %.1f s into the run, before its schedule ended (%d requests were in flight)",
          elapsedMicros() / 1e6, recorder.inFlight()));
    } catch (RuntimeException e) {
      console.error("could not write the partial report: " + e.getMessage() + "; " + RequestLog.FILE_NAME + " in "
          + directory.path() + " keeps every finished request");
    }
  }

  private long elapsedMicros() {
    return recorder.anchorNanos() == Long.MIN_VALUE ? 0 : (System.nanoTime() - recorder.anchorNanos()) / 1_000;
  }

  private RunSummary writeReports(String partialReason) {
    try {
      RunAggregator aggregator = recorder.finish(Duration.ofSeconds(partialReason == null ? 30 : 5));
      requestLog.close();
      long stopMicros = elapsedMicros();
      List<String> notes = new ArrayList<>(aggregator.serverWentAway().stream().toList());
      if (recorder.unrecorded() > 0) {
        notes.add(recorder.unrecorded() + " finished requests were still waiting to be recorded when the report was written and are "
            + "missing from it; rebuild from " + RequestLog.FILE_NAME + " for what was logged");
      }
      String stoppedEarly = partialReason == null ? recorder.stopReason() : null;
      if (stoppedEarly != null) {
        stopMicros = recorder.stopMicros() == RunRecorder.UNTIL_THE_END ? stopMicros : recorder.stopMicros();
        notes.add(stoppedEarly);
      }
      RunSummary summary = manifest.summary(aggregator, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), stopMicros,
          partialReason, stoppedEarly, notes);
      summary = withTelemetry(summary, stopMicros);
      summary = summary.withNotes(openLoopProblems(summary));
      summary = summary.withBaseline(dev.llmload.nightly.BaselineCheck.evaluate(baseline, summary));
      summary = summary.withGates(Gates.evaluate(gates, summary));
      RunManifest.writeReports(summary, directory.path());
      if (!summary.checks().isEmpty()) {
        JUnitXml.write(directory.path(), directory.path().getFileName().toString(), summary.checks());
      }
      console.table(summary);
      console.telemetry(summary.telemetry());
      console.baseline(summary.baseline());
      console.gates(summary.gates());
      console.info("report: " + directory.file("index.html").toAbsolutePath());
      appendHistory(summary);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report in " + directory.path(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the report", e);
    } finally {
      dev.llmload.telemetry.RunTelemetry t = telemetry;
      if (t != null) {
        t.close(); // summed up above, or the report failed first: its readers stop either way
      }
    }
  }

  /**
   * The summary with its telemetry summed up (the readers stopped) and a note per level whose load generator was the
   * bottleneck; as it was without telemetry.
   */
  private RunSummary withTelemetry(RunSummary summary, long stopMicros) {
    dev.llmload.telemetry.RunTelemetry t = telemetry;
    if (t == null) {
      return summary;
    }
    try {
      dev.llmload.telemetry.TelemetrySummary read = t.summarise(summary.levels(), recorder.schedule(), recorder.anchorNanos(), stopMicros,
          summary.timeline() == null ? 1.0 : summary.timeline().bucketSeconds());
      List<String> notes = new ArrayList<>(summary.notes());
      for (dev.llmload.telemetry.LevelTelemetry l : read.levels()) {
        if (l.client() != null && l.client().clientBound()) {
          notes.add(l.label() + ": the load generator was the bottleneck (" + String.join("; ", l.client().reasons())
              + "): this level's numbers are the client's, not the server's");
        }
      }
      return summary.withTelemetry(read).withNotes(notes);
    } catch (RuntimeException e) {
      console.error("could not sum up the telemetry (" + e + "): the report is written without it; " + dev.llmload.telemetry.RunTelemetry.FILE_NAME
          + " keeps what was read");
      return summary;
    }
  }

  /** A finished run's line in the history ({@code llm.history}); a stopped (partial) run adds none. */
  private void appendHistory(RunSummary summary) {
    if (history == null || !history.enabled() || summary.partial()) {
      return;
    }
    try {
      dev.llmload.nightly.HistoryFile.append(history.file(), dev.llmload.nightly.HistoryEntry.of(summary));
      console.info("history: " + history.file().toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      console.error("cannot append the run to the history " + history.file() + " (" + e.getMessage() + "): the run's reports are written; "
          + "check that the file is writable, or set llm.history.enabled = false");
    }
  }

  /**
   * The summary's notes plus one per open level whose schedule the load generator did not keep, and one per level
   * whose requested lengths the server did not honour.
   */
  private static List<String> openLoopProblems(RunSummary summary) {
    List<String> notes = new ArrayList<>(summary.notes());
    for (LevelSummary l : summary.levels()) {
      if (l.openLoop() != null && l.openLoop().problem() != null) {
        notes.add(l.openLoop().problem());
      }
      if (l.lengths() != null && l.lengths().lengthWarning() != null) {
        notes.add(l.lengths().lengthWarning());
      }
    }
    return notes;
  }
}
