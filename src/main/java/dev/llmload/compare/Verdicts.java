package dev.llmload.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The comparison's questions, each a pure function of the parsed runs: who wins, by how much over the next best, and
 * for which runs the answer is not known (and why). A tie is said as a tie; a run without the value is never ranked
 * as if it had 0.
 */
public final class Verdicts {

  static final String HIGHEST_THROUGHPUT = "highestThroughput";
  static final String LOWEST_TTFT = "lowestTtftAtLowestLoad";
  static final String HIGHEST_LOAD_WITHIN_SLO = "highestLoadWithinSlo";
  static final String LOWEST_COST = "lowestCostPerMillionOutputTokens";

  private Verdicts() {}

  /** Every question, in the page's order. */
  public static List<Verdict> all(List<ComparedRun> runs) {
    return List.of(highestThroughput(runs), lowestTtftAtLowestLoad(runs), highestLoadWithinSlo(runs), lowestCost(runs));
  }

  /** The highest output tokens/s of any level of each run. */
  public static Verdict highestThroughput(List<ComparedRun> runs) {
    String title = "Highest throughput";
    String unit = "output tokens/s";
    List<Candidate> candidates = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (ComparedRun r : runs) {
      Optional<ComparedLevel> best = r.levels().stream().reduce((a, b) -> b.outputTokensPerSecond() > a.outputTokensPerSecond() ? b : a);
      if (best.isPresent()) {
        candidates.add(new Candidate(r, best.get().outputTokensPerSecond(), best.get().label()));
      } else {
        unknown.add(r.name() + " (no level)");
      }
    }
    if (candidates.isEmpty()) {
      return Verdict.notKnown(HIGHEST_THROUGHPUT, title, unit, "Not known: no run has a level.");
    }
    return ranked(HIGHEST_THROUGHPUT, title, unit, true, candidates, v -> Numbers.plain(v) + " output tokens/s", "", unknown);
  }

  /**
   * The TTFT median of each run's first level. When the first levels' loads differ, the verdict still ranks them and
   * says they differ: the comparison is then not like for like.
   */
  public static Verdict lowestTtftAtLowestLoad(List<ComparedRun> runs) {
    String title = "Lowest TTFT at the lowest load";
    String unit = "ms";
    List<Candidate> candidates = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<ComparedRun> withLevels = new ArrayList<>();
    for (ComparedRun r : runs) {
      if (r.levels().isEmpty()) {
        unknown.add(r.name() + " (no level)");
        continue;
      }
      withLevels.add(r);
      ComparedLevel first = r.levels().get(0);
      if (first.ttftP50Ms() == null) {
        unknown.add(r.name() + " (no successful request at its first level, " + first.label() + ")");
      } else {
        candidates.add(new Candidate(r, first.ttftP50Ms(), first.label()));
      }
    }
    if (candidates.isEmpty()) {
      return Verdict.notKnown(LOWEST_TTFT, title, unit, "Not known: no run had a successful request at its first level"
          + (unknown.isEmpty() ? "." : " (" + String.join("; ", unknown) + ")."));
    }
    String caveat = sameLoad(withLevels.stream().map(r -> r.levels().get(0)).toList()) ? ""
        : " The lowest loads differ (" + withLevels.stream().map(r -> r.name() + ": " + r.levels().get(0).label()).collect(Collectors.joining(", "))
            + "): not like for like.";
    return ranked(LOWEST_TTFT, title, unit, false, candidates, v -> "TTFT p50 " + Numbers.plain(v) + " ms", caveat, unknown);
  }

  /**
   * The highest load each run kept within its SLO ({@code slo.highestLoadWithinSlo}): the higher load wins when the
   * loads are of one kind (the higher throughput there breaks a tie), else the higher output tokens/s there. A run
   * without SLO is not known; a run with SLO and no level within it loses to any run with one.
   */
  public static Verdict highestLoadWithinSlo(List<ComparedRun> runs) {
    String title = "Highest load within SLO";
    List<String> unknown = runs.stream().filter(r -> !r.sloSet()).map(r -> r.name() + " (no SLO set)").toList();
    List<ComparedRun> none = runs.stream().filter(r -> r.sloSet() && r.highestLoadWithinSlo() == null).toList();
    List<ComparedRun> within = runs.stream().filter(r -> r.highestLoadWithinSlo() != null).toList();
    String noneText = none.isEmpty() ? "" : " " + joinNames(none) + (none.size() == 1 ? " had" : " each had") + " no level within its SLO.";
    if (runs.stream().noneMatch(ComparedRun::sloSet)) {
      return Verdict.notKnown(HIGHEST_LOAD_WITHIN_SLO, title, null, "Not known: no SLO set (llm.slo.*) in any run.");
    }
    if (within.isEmpty()) {
      return Verdict.notKnown(HIGHEST_LOAD_WITHIN_SLO, title, null, "No run had a level within its SLO." + notKnown(unknown));
    }
    List<SloCandidate> candidates = within.stream().map(SloCandidate::of).toList();
    String kind = candidates.get(0).kind();
    boolean byLoad = kind != null && (kind.equals("concurrency") || kind.equals("rate"))
        && candidates.stream().allMatch(c -> kind.equals(c.kind()) && c.load() != null);
    if (!byLoad) {
      List<Candidate> byThroughput = candidates.stream().map(c -> new Candidate(c.run(), c.throughput() == null ? 0 : c.throughput(),
          c.point().label() + " within its SLO")).toList();
      return ranked(HIGHEST_LOAD_WITHIN_SLO, title, "output tokens/s", true, byThroughput, v -> Numbers.plain(v) + " output tokens/s",
          " The loads are of different kinds: ranked by output tokens/s at each run's highest load within SLO." + noneText, unknown);
    }
    List<SloCandidate> sorted = candidates.stream().sorted(Comparator.comparing(SloCandidate::load).thenComparing(
        c -> c.throughput() == null ? 0 : c.throughput()).reversed()).toList();
    SloCandidate w = sorted.get(0);
    String unit = kind.equals("rate") ? "requests/s" : "concurrent requests";
    String head = w.run().name() + ": up to " + w.point().label() + " within its SLO (" + throughput(w) + ")";
    if (sorted.size() == 1) {
      return new Verdict(HIGHEST_LOAD_WITHIN_SLO, title, w.run().name(), false, w.load(), null, null, unit, null,
          head + (none.isEmpty() ? ", the only run with an SLO." : ".") + noneText + notKnown(unknown));
    }
    SloCandidate r = sorted.get(1);
    if (w.load().equals(r.load())) {
      boolean tie = Objects.equals(w.throughput(), r.throughput());
      String names = joinNames(sorted.stream().filter(c -> c.load().equals(w.load())).map(SloCandidate::run).toList());
      String sentence = tie ? names + " tie: each up to " + w.point().label() + " within its SLO (" + throughput(w) + ")."
          : names + " each reach " + w.point().label() + " within their SLO; " + w.run().name() + " with more output tokens/s there ("
              + throughput(w) + ", " + r.run().name() + " " + throughput(r) + ")" + marginText(w.throughput(), r.throughput()) + ".";
      return new Verdict(HIGHEST_LOAD_WITHIN_SLO, title, tie ? null : w.run().name(), tie, w.load(), r.run().name(), r.load(), unit, 0.0,
          sentence + noneText + notKnown(unknown));
    }
    double margin = (w.load() / r.load() - 1) * 100;
    String sentence = head + ", " + Numbers.ratio(w.load() / r.load()) + " the load of " + r.run().name() + "'s " + r.point().label() + " ("
        + throughput(r) + ").";
    return new Verdict(HIGHEST_LOAD_WITHIN_SLO, title, w.run().name(), false, w.load(), r.run().name(), r.load(), unit, margin,
        sentence + noneText + notKnown(unknown));
  }

  /**
   * The cost per 1M output tokens: at each run's highest load within SLO when every run with a cost has one there (the
   * headline number), else the lowest over each run's levels (said so).
   */
  public static Verdict lowestCost(List<ComparedRun> runs) {
    String title = "Lowest cost per 1M output tokens";
    String unit = "USD per 1M output tokens";
    List<ComparedRun> withCost = runs.stream().filter(r -> costAtSlo(r) != null || cheapestLevel(r).isPresent()).toList();
    List<String> unknown = runs.stream().filter(r -> !withCost.contains(r)).map(r -> r.name() + " (no cost set)").toList();
    if (withCost.isEmpty()) {
      return Verdict.notKnown(LOWEST_COST, title, unit, "Not known: no cost set (llm.cost.gpuHourlyUsd) in any run.");
    }
    boolean atSlo = withCost.stream().allMatch(r -> costAtSlo(r) != null);
    List<Candidate> candidates = withCost.stream().map(r -> {
      if (atSlo) {
        return new Candidate(r, costAtSlo(r), r.highestLoadWithinSlo().label());
      }
      ComparedLevel l = cheapestLevel(r).orElseThrow();
      return new Candidate(r, l.costPerMillionOutputTokensUsd(), l.label());
    }).toList();
    String basis = atSlo ? " Each at its highest load within SLO." : " Each run's lowest over its levels"
        + (runs.stream().anyMatch(ComparedRun::sloSet) ? " (not every run with a cost has a level within SLO)." : " (no SLO set).");
    return ranked(LOWEST_COST, title, unit, false, candidates, v -> Numbers.usd(v) + " per 1M output tokens", basis, unknown);
  }

  // ---- helpers ----

  /** One run's value for a question, and the level it was reached at. */
  private record Candidate(ComparedRun run, double value, String at) {}

  private record SloCandidate(ComparedRun run, SloPoint point, String kind, Double load, Double throughput) {

    static SloCandidate of(ComparedRun r) {
      SloPoint p = r.highestLoadWithinSlo();
      Optional<ComparedLevel> level = r.level(p.index());
      Double throughput = p.outputTokensPerSecond() != null ? p.outputTokensPerSecond()
          : level.map(ComparedLevel::outputTokensPerSecond).orElse(null);
      return new SloCandidate(r, p, level.map(ComparedLevel::kind).orElse(null), level.map(ComparedLevel::load).orElse(null), throughput);
    }
  }

  private static String throughput(SloCandidate c) {
    return c.throughput() == null ? "output tokens/s not known" : Numbers.plain(c.throughput()) + " output tokens/s";
  }

  private static String marginText(Double better, Double worse) {
    return better == null || worse == null || worse <= 0 ? "" : ", " + Numbers.percent((better / worse - 1) * 100) + " more";
  }

  private static Double costAtSlo(ComparedRun r) {
    return r.highestLoadWithinSlo() == null ? null : r.highestLoadWithinSlo().costPerMillionOutputTokensUsd();
  }

  private static Optional<ComparedLevel> cheapestLevel(ComparedRun r) {
    return r.levels().stream().filter(l -> l.costPerMillionOutputTokensUsd() != null)
        .min(Comparator.comparingDouble(ComparedLevel::costPerMillionOutputTokensUsd));
  }

  /** True when the levels are of one kind and one load (or, without loads, one label). */
  static boolean sameLoad(List<ComparedLevel> levels) {
    if (levels.isEmpty()) {
      return true;
    }
    ComparedLevel first = levels.get(0);
    return levels.stream().allMatch(l -> l.kind().equals(first.kind())
        && (l.load() != null && first.load() != null ? l.load().equals(first.load()) : l.label().equals(first.label())));
  }

  /**
   * The best candidate against the next best: "fast: 2860.1 output tokens/s at c=32, 112.0 % more than small's 1349.0
   * output tokens/s at c=64 (2.12x)."
   */
  private static Verdict ranked(String question, String title, String unit, boolean higherIsBetter, List<Candidate> candidates,
      DoubleFunction<String> show, String caveat, List<String> unknown) {
    Comparator<Candidate> order = Comparator.comparingDouble(Candidate::value);
    List<Candidate> sorted = candidates.stream().sorted(higherIsBetter ? order.reversed() : order).toList();
    Candidate w = sorted.get(0);
    String head = w.run().name() + ": " + show.apply(w.value()) + " at " + w.at();
    if (sorted.size() == 1) {
      return new Verdict(question, title, w.run().name(), false, w.value(), null, null, unit, null,
          head + ", the only run with a value." + caveat + notKnown(unknown));
    }
    Candidate r = sorted.get(1);
    String runnerUp = r.run().name() + "'s " + show.apply(r.value()) + " at " + r.at();
    if (w.value() == r.value()) {
      List<Candidate> tied = sorted.stream().filter(c -> c.value() == w.value()).toList();
      return new Verdict(question, title, null, true, w.value(), r.run().name(), r.value(), unit, 0.0,
          joinNames(tied.stream().map(Candidate::run).toList()) + " tie: " + show.apply(w.value()) + " ("
              + tied.stream().map(c -> c.run().name() + " at " + c.at()).collect(Collectors.joining(", ")) + ")." + caveat + notKnown(unknown));
    }
    Double margin;
    String by;
    if (higherIsBetter) {
      margin = r.value() > 0 ? (w.value() / r.value() - 1) * 100 : null;
      by = margin == null ? "; " + runnerUp + "." : ", " + Numbers.percent(margin) + " more than " + runnerUp + " ("
          + Numbers.ratio(w.value() / r.value()) + ").";
    } else {
      margin = r.value() > 0 ? (1 - w.value() / r.value()) * 100 : null;
      by = margin == null ? "; " + runnerUp + "." : ", " + Numbers.percent(margin) + " lower than " + runnerUp
          + (w.value() > 0 ? " (" + r.run().name() + "'s is " + Numbers.ratio(r.value() / w.value()) + ")." : ".");
    }
    return new Verdict(question, title, w.run().name(), false, w.value(), r.run().name(), r.value(), unit, margin,
        head + by + caveat + notKnown(unknown));
  }

  private static String notKnown(List<String> unknown) {
    return unknown.isEmpty() ? "" : " Not known for " + String.join("; ", unknown) + ".";
  }

  private static String joinNames(List<ComparedRun> runs) {
    List<String> names = runs.stream().map(ComparedRun::name).toList();
    return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
