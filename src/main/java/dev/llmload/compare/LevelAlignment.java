package dev.llmload.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which levels of the compared runs sit side by side. When every level of every run is of one kind, concurrency or
 * rate, levels are matched by their load (c=16 with c=16), in increasing load; otherwise by their label, in the order
 * the labels first appear - the only match runs of different kinds allow (a concurrency is not a rate).
 *
 * @param by {@code concurrency}, {@code rate} or {@code label}
 * @param loadTitle the x axis of the curves
 * @param levels the rows, each with every run's level there (or none)
 */
public record LevelAlignment(String by, String loadTitle, List<AlignedLevel> levels) {

  public LevelAlignment {
    levels = List.copyOf(levels);
  }

  public static LevelAlignment of(List<ComparedRun> runs) {
    Set<String> kinds = kinds(runs);
    boolean byLoad = kinds.size() == 1 && (kinds.contains("concurrency") || kinds.contains("rate"))
        && runs.stream().flatMap(r -> r.levels().stream()).allMatch(l -> l.load() != null);
    if (byLoad) {
      String kind = kinds.iterator().next();
      TreeMap<Double, String> labels = new TreeMap<>();
      runs.forEach(r -> r.levels().forEach(l -> labels.putIfAbsent(l.load(), l.label())));
      List<AlignedLevel> rows = new ArrayList<>();
      labels.forEach((load, label) -> rows.add(new AlignedLevel(label, load, runs.stream().map(r -> r.levels().stream()
          .filter(l -> l.load().equals(load)).findFirst().map(ComparedLevel::index).orElse(null)).toList())));
      return new LevelAlignment(kind, kind.equals("rate") ? "request rate (requests/s)" : "concurrency", rows);
    }
    Map<String, Integer[]> rows = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      for (ComparedLevel l : runs.get(i).levels()) {
        Integer[] row = rows.computeIfAbsent(l.label(), k -> new Integer[runs.size()]);
        if (row[i] == null) {
          row[i] = l.index();
        }
      }
    }
    List<AlignedLevel> out = new ArrayList<>();
    rows.forEach((label, row) -> out.add(new AlignedLevel(label, null, Arrays.asList(row))));
    return new LevelAlignment("label", "level", out);
  }

  /**
   * True when the runs' levels are of different kinds (one run's are concurrencies, another's rates): they can then be
   * matched by label only.
   */
  public static boolean kindsDiffer(List<ComparedRun> runs) {
    Set<Set<String>> perRun = new LinkedHashSet<>();
    for (ComparedRun r : runs) {
      Set<String> k = new java.util.TreeSet<>();
      r.levels().forEach(l -> k.add(l.kind()));
      if (!k.isEmpty()) {
        perRun.add(k);
      }
    }
    return perRun.size() > 1;
  }

  /** Every level kind of the runs, in the order first seen. */
  static Set<String> kinds(List<ComparedRun> runs) {
    Set<String> kinds = new LinkedHashSet<>();
    runs.forEach(r -> r.levels().forEach(l -> kinds.add(l.kind())));
    return kinds;
  }
}
