package dev.llmload.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The content of {@code comparison.json}, and the data the comparison page embeds and draws. README "Comparing models
 * and servers" describes it.
 *
 * @param createdAt when the comparison was made (ISO-8601)
 * @param alignedBy how levels were matched across runs: {@code concurrency}, {@code rate} or {@code label}
 * @param loadTitle the curves' x axis
 * @param runs the compared runs, in the order given, each named uniquely
 * @param failed targets of the targets command that produced no run
 * @param levels the rows of the side-by-side table and the points of the curves
 * @param verdicts one per question
 * @param notes what the reader must know to trust the comparison (different workloads, partial runs, unlike loads)
 */
public record Comparison(int schemaVersion, String createdAt, String alignedBy, String loadTitle, List<ComparedRun> runs,
    List<FailedTarget> failed, List<AlignedLevel> levels, List<Verdict> verdicts, List<String> notes) {

  public static final int SCHEMA_VERSION = 1;

  public Comparison {
    Objects.requireNonNull(createdAt, "createdAt");
    runs = List.copyOf(runs);
    failed = List.copyOf(failed);
    levels = List.copyOf(levels);
    verdicts = List.copyOf(verdicts);
    notes = List.copyOf(notes);
  }

  /**
   * Compares {@code runs} (read by {@link RunReader}): names made unique, levels matched, verdicts and notes.
   *
   * @param failed targets that produced no run (the targets command), named in the notes
   */
  public static Comparison of(List<ComparedRun> runs, List<FailedTarget> failed, String createdAt) {
    List<ComparedRun> named = uniqueNames(runs);
    LevelAlignment alignment = LevelAlignment.of(named);
    return new Comparison(SCHEMA_VERSION, createdAt, alignment.by(), alignment.loadTitle(), named, failed, alignment.levels(),
        Verdicts.all(named), notes(named, failed));
  }

  /** This comparison with the runs' page links, {@code pages} in the order of {@link #runs()}. */
  public Comparison withPages(List<String> pages) {
    if (pages.size() != runs.size()) {
      throw new IllegalArgumentException("pages must be one per run, " + runs.size() + ", was " + pages.size());
    }
    List<ComparedRun> linked = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      linked.add(runs.get(i).withPage(pages.get(i)));
    }
    return new Comparison(schemaVersion, createdAt, alignedBy, loadTitle, linked, failed, levels, verdicts, notes);
  }

  /** Names that are the same for several runs get each run's folder name after them: "sim-fast (simulated, fast) [run]". */
  static List<ComparedRun> uniqueNames(List<ComparedRun> runs) {
    Map<String, Integer> counts = new HashMap<>();
    runs.forEach(r -> counts.merge(r.name(), 1, Integer::sum));
    List<ComparedRun> out = new ArrayList<>();
    Set<String> taken = new LinkedHashSet<>();
    for (ComparedRun r : runs) {
      String name = r.name();
      if (counts.get(name) > 1) {
        name = name + " [" + (r.runId() != null ? r.runId() : java.nio.file.Path.of(r.folder()).getFileName()) + "]";
      }
      String unique = name;
      for (int n = 2; !taken.add(unique); n++) {
        unique = name + " #" + n;
      }
      out.add(r.withName(unique));
    }
    return out;
  }

  static List<String> notes(List<ComparedRun> runs, List<FailedTarget> failed) {
    List<String> notes = new ArrayList<>();
    for (FailedTarget f : failed) {
      notes.add(f.name() + " did not run: " + f.reason());
    }
    if (LevelAlignment.kindsDiffer(runs)) {
      notes.add("The runs' levels are of different kinds (" + runs.stream().map(r -> r.name() + ": " + r.levels().stream().map(ComparedLevel::kind)
          .distinct().collect(Collectors.joining("/"))).collect(Collectors.joining(", ")) + "): a concurrency is not a rate, so levels "
          + "are matched by their labels only, and the curves and the table set unlike loads side by side.");
    }
    Set<String> simulations = new LinkedHashSet<>();
    runs.forEach(r -> simulations.add(r.simulation()));
    if (simulations.size() > 1) {
      notes.add("The runs are of different simulations (" + String.join(", ", simulations) + "): their workloads differ.");
    }
    Set<String> outputs = new LinkedHashSet<>();
    runs.forEach(r -> outputs.add(output(r)));
    if (outputs.size() > 1) {
      notes.add("The runs asked for different outputs (" + runs.stream().map(r -> r.name() + ": " + output(r)).collect(Collectors.joining(", "))
          + "): tokens/s and latencies are not like for like.");
    }
    List<ComparedRun> withLimits = runs.stream().filter(r -> r.sloLimits() != null).toList();
    if (withLimits.stream().map(ComparedRun::sloLimits).distinct().count() > 1) {
      notes.add("The runs were judged by different SLO limits (" + withLimits.stream().map(r -> r.name() + ": " + r.sloLimits())
          .collect(Collectors.joining(", ")) + "): each one's highest load within SLO is against its own.");
    }
    for (ComparedRun r : runs) {
      if (r.partial()) {
        notes.add(r.name() + " is a partial run" + (r.partialReason() == null ? "." : ": " + r.partialReason()));
      }
      if (r.stoppedEarly() != null) {
        notes.add(r.name() + " stopped early: " + r.stoppedEarly());
      }
    }
    return notes;
  }

  private static String output(ComparedRun r) {
    return "max_tokens " + (r.maxTokens() == null ? "?" : r.maxTokens()) + (Boolean.TRUE.equals(r.ignoreEos()) ? " with ignore_eos"
        : Boolean.FALSE.equals(r.ignoreEos()) ? " without ignore_eos" : "");
  }
}
