package dev.llmload.report;

import dev.llmload.metrics.RequestRecord;
import dev.llmload.metrics.RunAggregator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Rebuilds {@code summary.json}, {@code summary.csv}, {@code index.html} and its PNG charts of a run folder from its
 * {@code run.json} and {@code requests.jsonl} (and the server's figures from {@code telemetry.jsonl}) - for a run that died before writing them (kill -9, out of memory,
 * power loss): {@code mvn -q compile exec:java@rebuild -Drun=reports/<run>}.
 */
public final class RebuildReport {

  private RebuildReport() {}

  public static void main(String[] args) {
    String folder = args.length > 0 ? args[0] : System.getProperty("run");
    ConsoleReporter console = ConsoleReporter.stdout();
    if (folder == null || folder.isBlank()) {
      console.error("name the run folder: mvn -q compile exec:java@rebuild -Drun=reports/<run>");
      System.exit(2);
    }
    try {
      RunSummary summary = rebuild(Path.of(folder));
      console.table(summary);
      console.info("rebuilt " + Path.of(folder).resolve("index.html").toAbsolutePath());
    } catch (IOException e) {
      console.error("cannot rebuild " + folder + ": " + (e instanceof NoSuchFileException ? "no file " + e.getMessage() : e.getMessage()));
      System.exit(2);
    }
  }

  /**
   * Re-aggregates every recorded request. The run counts as partial when its records stop before the end of the
   * schedule; levels it never reached are left out.
   */
  public static RunSummary rebuild(Path runFolder) throws IOException {
    if (!Files.isDirectory(runFolder)) {
      throw new NoSuchFileException(runFolder.toAbsolutePath().toString());
    }
    RunManifest manifest = RunManifest.read(runFolder);
    RunAggregator aggregator = new RunAggregator(manifest.schedule(), manifest.target().baseUrls());
    aggregator.judgeBy(manifest.slo(), manifest.cost());
    List<RequestRecord> records = RequestLog.read(runFolder.resolve(RequestLog.FILE_NAME));
    long lastMicros = 0;
    for (RequestRecord r : records) {
      aggregator.add(r);
      lastMicros = Math.max(lastMicros, r.endMicros());
    }
    long scheduleEndMicros = manifest.schedule().totalDuration().toNanos() / 1_000;
    String partial = lastMicros < scheduleEndMicros
        ? String.format(java.util.Locale.ROOT, "rebuilt from %s: the records stop %.1f s into a %.1f s schedule", RequestLog.FILE_NAME,
            lastMicros / 1e6, scheduleEndMicros / 1e6)
        : null;
    List<String> notes = new java.util.ArrayList<>(aggregator.serverWentAway().stream().toList());
    notes.add("rebuilt from " + RequestLog.FILE_NAME + " (" + records.size() + " requests)");
    RunSummary summary = manifest.summary(aggregator, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), lastMicros, partial,
        notes);
    Path telemetry = runFolder.resolve(dev.llmload.telemetry.RunTelemetry.FILE_NAME);
    try {
      summary = summary.withTelemetry(dev.llmload.telemetry.TelemetryReplay.read(telemetry, summary.levels(), manifest.schedule(),
          summary.timeline() == null ? 1.0 : summary.timeline().bucketSeconds(), lastMicros / 1e6));
    } catch (IOException e) {
      List<String> withNote = new java.util.ArrayList<>(summary.notes());
      withNote.add("the report was rebuilt without " + telemetry.getFileName() + ": " + e.getMessage());
      summary = summary.withNotes(withNote);
    }
    RunManifest.writeReports(summary, runFolder);
    return summary;
  }
}
