package dev.llmload.telemetry;

import dev.llmload.config.TelemetrySettings;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.telemetry.client.ClientProbe;
import dev.llmload.telemetry.client.ClientVerdict;
import dev.llmload.telemetry.client.ClientWindow;
import dev.llmload.telemetry.resources.ResourceSampler;
import dev.llmload.telemetry.resources.ResourceSnapshot;
import dev.llmload.telemetry.resources.ResourceSources;
import dev.llmload.telemetry.resources.ResourceTotals;
import dev.llmload.workload.LevelSchedule;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A run's telemetry from before the first request to the report: the server's {@code /metrics} scraped (one scraper a
 * replica), the server machine's resources sampled, the load generator probed; every sample kept for the per-level
 * figures and written to {@code telemetry.jsonl} as it comes (once the run clock is anchored), and at the end {@link
 * #summarise} - the levels' figures, their client verdicts, the series on the timeline and the knee sentence.
 */
public final class RunTelemetry implements AutoCloseable {

  /** The file in the run folder. */
  public static final String FILE_NAME = "telemetry.jsonl";

  private final TelemetrySettings settings;
  private final Path file;
  private final Consumer<String> say;
  private final List<MetricsScraper> scrapers = new ArrayList<>();
  private final List<List<ServerSnapshot>> serverSnapshots = new ArrayList<>();
  private final List<ResourceSnapshot> resourceSnapshots = new CopyOnWriteArrayList<>();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private final List<Runnable> pending = new ArrayList<>();
  private final ClientProbe client;
  private ResourceSampler resources;
  private final Object logLock = new Object();
  private TelemetryLog log;
  private boolean logDone;
  private volatile ServerKind kind;

  private RunTelemetry(TelemetrySettings settings, Path folder, Consumer<String> say) {
    this.settings = settings;
    this.file = folder.resolve(FILE_NAME);
    this.say = say;
    this.client = ClientProbe.start(new ClientProbe.Settings(settings.probeInterval(),
        max(settings.probeInterval(), Duration.ofMillis(200)), Duration.ofHours(12), ClientProbe.Settings.DEFAULTS.excludedThreadPrefixes()));
    sources.add("client");
  }

  /**
   * Starts reading; null when {@code llm.telemetry.enabled} is false.
   *
   * @param baseUrls the target's base URLs (one per replica); each one's origin + {@code /metrics} is scraped unless
   *     {@code llm.telemetry.metricsUrl} says where
   * @param bearer the API key, sent to the metrics URLs too
   * @param folder the run folder ({@code telemetry.jsonl} goes there)
   * @param say tells the user a problem, once
   */
  public static RunTelemetry start(TelemetrySettings settings, List<URI> baseUrls, Optional<String> bearer, Path folder, Consumer<String> say) {
    if (!settings.enabled()) {
      return null;
    }
    RunTelemetry t = new RunTelemetry(settings, folder, say);
    try {
      LinkedHashSet<URI> urls = new LinkedHashSet<>();
      if (settings.metricsUrl().isPresent()) {
        urls.add(settings.metricsUrl().get());
      } else {
        baseUrls.forEach(u -> urls.add(MetricsScraper.metricsUrl(u)));
      }
      for (URI url : urls) {
        List<ServerSnapshot> snapshots = new CopyOnWriteArrayList<>();
        t.serverSnapshots.add(snapshots);
        String replica = urls.size() > 1 ? url.toString() : null;
        t.scrapers.add(new MetricsScraper(url, settings.interval(), bearer, s -> t.onServer(s, snapshots, replica), t::note).start());
      }
      boolean local = baseUrls.stream().allMatch(RunTelemetry::loopback);
      // auto: only when the server is on this machine and nvidia-smi is there to ask (no GPU, no word about it)
      Optional<String> nvidiaSmi = settings.nvidiaSmi().equals(TelemetrySettings.AUTO)
          ? local && dev.llmload.telemetry.resources.NvidiaSmi.onPath().available() ? settings.nvidiaSmiCommand() : Optional.empty()
          : settings.nvidiaSmiCommand();
      ResourceSources wanted = new ResourceSources(settings.processId(), settings.processName(), nvidiaSmi, settings.dcgmUrl(), settings.interval());
      if (wanted.any()) {
        t.resources = new ResourceSampler(wanted, t::onResources, t::note).start();
        settings.processId().ifPresent(p -> t.sources.add("process " + p));
        settings.processName().ifPresent(n -> t.sources.add("process " + n));
        nvidiaSmi.ifPresent(c -> t.sources.add("nvidia-smi"));
        settings.dcgmUrl().ifPresent(u -> t.sources.add("dcgm " + u));
      }
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  private static boolean loopback(URI uri) {
    String host = uri.getHost();
    return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A Gatling event loop a request ran on, for the scheduling-delay probe: cheap, called for every request. */
  public void register(Executor eventLoop) {
    client.register(eventLoop);
  }

  private void note(String sentence) {
    if (!notes.contains(sentence)) {
      notes.add(sentence);
      say.accept(sentence);
    }
  }

  private void onServer(ServerSnapshot s, List<ServerSnapshot> snapshots, String replica) {
    snapshots.add(s);
    kind = s.kind();
    log(() -> {
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      if (replica != null) {
        fields.put("url", replica);
      }
      fields.put("kind", s.kind().id());
      fields.putAll(s.values());
      log.write(TelemetryLog.SERVER_SOURCE, log.runSeconds(s.atNanos()), fields);
    });
  }

  private void onResources(ResourceSnapshot s) {
    resourceSnapshots.add(s);
    log(() -> {
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      if (s.serverRssBytes() != null) {
        fields.put("serverRssBytes", s.serverRssBytes());
      }
      if (!s.gpus().isEmpty()) {
        fields.put("gpus", s.gpus());
      }
      if (s.energyJoules() != null) {
        fields.put("energyJoules", s.energyJoules());
      }
      log.write("resources", log.runSeconds(s.atNanos()), fields);
    });
  }

  /**
   * Writes now when the run clock is anchored, else when it is; nothing once the log is closed or could not be opened.
   * Under its own lock, so a reader thread writing never waits for {@link #summarise}.
   */
  private void log(Runnable write) {
    synchronized (logLock) {
      if (logDone) {
        return;
      }
      if (log == null) {
        pending.add(write);
        return;
      }
      try {
        write.run();
      } catch (RuntimeException e) {
        logDone = true;
        note("cannot write " + file + " (" + e.getMessage() + "): the rest of the telemetry goes into the report only");
      }
    }
  }

  /**
   * The run clock's zero (injection start): {@code telemetry.jsonl} opens and what was read before is written - off
   * the calling thread (Gatling's injector).
   */
  public void anchor(long anchorNanos) {
    CompletableFuture.runAsync(() -> openLog(anchorNanos));
  }

  private void openLog(long anchorNanos) {
    synchronized (logLock) {
      if (log != null || logDone) {
        return;
      }
      try {
        log = TelemetryLog.open(file, anchorNanos);
      } catch (IOException e) {
        logDone = true;
        pending.clear();
        note("cannot write " + file + " (" + e.getMessage() + "): telemetry goes into the report only");
        return;
      }
      List<Runnable> before = new ArrayList<>(pending);
      pending.clear();
      before.forEach(this::log);
    }
  }

  /** Stops every reader and waits for them (idempotent); their last samples may still be logged meanwhile. */
  @Override
  public void close() {
    scrapers.forEach(MetricsScraper::close);
    if (resources != null) {
      resources.close();
    }
    client.close();
  }

  /**
   * Stops reading and sums up: per level over its measured window (cut at {@code stopMicros}), the client's verdict
   * with the level's send lag, the series on {@code bucketSeconds} buckets, the knee sentence. The client's samples go
   * to {@code telemetry.jsonl} here, and the log is closed.
   */
  public TelemetrySummary summarise(List<LevelSummary> levels, LevelSchedule schedule, long anchorNanos, long stopMicros,
      double bucketSeconds) {
    close();
    try {
      if (anchorNanos != Long.MIN_VALUE) {
        openLog(anchorNanos);
      }
      List<LevelTelemetry> out = new ArrayList<>();
      TelemetrySummary.Series series = null;
      if (anchorNanos != Long.MIN_VALUE) {
        writeClientSamples();
        for (LevelSummary level : levels) {
          long from = anchorNanos + schedule.measuredStartMicros(level.index()) * 1_000;
          long to = anchorNanos + Math.min(schedule.measuredEndMicros(level.index()), stopMicros) * 1_000;
          if (to > from) {
            out.add(new LevelTelemetry(level.index(), level.label(), ServerWindow.over(serverSnapshots, from, to), resources(from, to, level),
                client(from, to, level)));
          }
        }
        series = TelemetrySeries.of(serverSnapshots, resourceSnapshots, client.samples(), anchorNanos, bucketSeconds, stopMicros / 1e6);
      }
      List<String> urls = scrapers.stream().map(s -> s.url().toString()).toList();
      return new TelemetrySummary(kind == null ? null : kind.displayName(), urls, sources, notes, series, out,
          KneeExplanation.explain(levels, out, kind != null));
    } finally {
      closeLog();
    }
  }

  private void closeLog() {
    synchronized (logLock) {
      logDone = true;
      pending.clear();
      if (log != null) {
        try {
          log.close();
        } catch (IOException e) {
          note("cannot close " + file + ": " + e.getMessage());
        }
      }
    }
  }

  private LevelTelemetry.Resources resources(long from, long to, LevelSummary level) {
    if (resourceSnapshots.isEmpty()) {
      return null;
    }
    ResourceTotals totals = ResourceTotals.over(resourceSnapshots, from, to);
    if (totals.snapshots() == 0) {
      return null;
    }
    long outputTokens = Math.round(level.outputTokensPerSecond() * level.durationSeconds());
    if (totals.peakServerRssBytes() == null && totals.peakGpuMemoryUsedMiB() == null && totals.meanGpuUtilizationPercent() == null
        && totals.energyJoules() == null) {
      return null;
    }
    return new LevelTelemetry.Resources(totals.peakServerRssBytes(), totals.peakGpuMemoryUsedMiB(), totals.meanGpuUtilizationPercent(),
        totals.energyJoules(), ResourceTotals.joulesPerOutputToken(totals.energyJoules(), outputTokens));
  }

  private LevelTelemetry.Client client(long from, long to, LevelSummary level) {
    Optional<ClientWindow> window = client.window(from, to);
    if (window.isEmpty()) {
      return null;
    }
    ClientWindow w = window.get();
    Double sendLag = level.openLoop() == null || level.openLoop().sendLagMs() == null ? null : level.openLoop().sendLagMs().p99();
    ClientVerdict.Verdict verdict = ClientVerdict.judge(w, sendLag, settings.client());
    return new LevelTelemetry.Client(Math.round(w.cpuCoresUsed() * 100) / 100.0, w.availableCores(), w.loopDelayP99Ms(), w.loopDelayMaxMs(),
        w.gcPauses(), w.gcPauseTotalMs(), w.gcPauseMaxMs(), sendLag, verdict.clientBound(), verdict.reasons());
  }

  private void writeClientSamples() {
    for (var sample : client.samples()) {
      log(() -> {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("cpuCores", sample.cpuCoresUsed());
        if (sample.processCpuCoresUsed() != null) {
          fields.put("processCpuCores", sample.processCpuCoresUsed());
        }
        if (sample.loopDelayP99Ms() != null) {
          fields.put("loopDelayP99Ms", sample.loopDelayP99Ms());
        }
        if (sample.loopDelayMaxMs() != null) {
          fields.put("loopDelayMaxMs", sample.loopDelayMaxMs());
        }
        if (sample.gcPauses() > 0) {
          fields.put("gcPauses", sample.gcPauses());
          fields.put("gcPauseTotalMs", sample.gcPauseTotalMs());
        }
        log.write("client", log.runSeconds(sample.endNanos()), fields);
      });
    }
  }

}
