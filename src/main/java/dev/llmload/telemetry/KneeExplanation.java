package dev.llmload.telemetry;

import dev.llmload.metrics.LevelSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One sentence per run naming what saturated first, read from the data: the levels in the order they ran (a sweep
 * raises its load level by level) and what the server ({@code /metrics}) and the load generator did in each.
 *
 * <p>The rules, first level first:
 * <ul>
 *   <li><b>KV cache</b>: its use reached {@value #KV_FULL_PERCENT} % and requests were preempted or waited (at least
 *       {@value #WAITING_MEAN} on average): memory is what ran out;
 *   <li><b>batch limit</b>: requests waited in the server (at least {@value #WAITING_MEAN} on average) with the KV cache
 *       below {@value #KV_FULL_PERCENT} % (or not reported - then the sentence says the two cannot be told apart): the
 *       batch was full;
 *   <li><b>client</b>: the level's {@link LevelTelemetry.Client#clientBound() verdict} says the load generator was the
 *       bottleneck - named on its own when the server never saturated, else added to the server's sentence, since
 *       those levels measure the client either way.
 * </ul>
 * Without the server's metrics and with a client that kept up the bottleneck is {@link Bottleneck#UNKNOWN}; with
 * metrics and nothing saturated it is {@link Bottleneck#NONE}. The sentence starts with where throughput levels off
 * (the first level within {@value #PLATEAU_SHARE_PERCENT} % of the best output tokens/s, when a later level ran).
 */
public final class KneeExplanation {

  /** Mean requests waiting in the server from which a level counts as queueing. */
  public static final double WAITING_MEAN = 0.5;
  /** KV-cache use from which it counts as full, percent. */
  public static final double KV_FULL_PERCENT = 90.0;
  /** A level within this share of the best output tokens/s is on the plateau, percent. */
  public static final int PLATEAU_SHARE_PERCENT = 90;

  private KneeExplanation() {}

  /**
   * The knee of a run.
   *
   * @param levels the run's levels, in the order they ran
   * @param telemetry what was measured in them, matched by {@link LevelTelemetry#index()}; a level without an entry
   *     had no telemetry
   */
  public static Knee explain(List<LevelSummary> levels, List<LevelTelemetry> telemetry) {
    return explain(levels, telemetry, telemetry.stream().anyMatch(t -> t.server() != null && t.server().samples() > 0));
  }

  /**
   * The knee of a run whose server may have answered its scrapes without any falling in a measured window.
   *
   * @param serverAnswered true when the server's metrics were read at all during the run
   */
  public static Knee explain(List<LevelSummary> ran, List<LevelTelemetry> telemetry, boolean serverAnswered) {
    List<LevelSummary> levels = byLoad(ran);
    Map<Integer, LevelTelemetry> byIndex = new HashMap<>();
    telemetry.forEach(t -> byIndex.put(t.index(), t));
    String serverClause = null;
    Bottleneck serverBottleneck = null;
    String serverFrom = null;
    LevelTelemetry clientFrom = null;
    boolean anyServerData = false;
    double waitingMost = 0;
    double kvMost = -1;
    String lastWithServerData = null;
    for (LevelSummary level : levels) {
      LevelTelemetry t = byIndex.get(level.index());
      if (t == null) {
        continue;
      }
      if (clientFrom == null && t.client() != null && t.client().clientBound()) {
        clientFrom = t;
      }
      LevelTelemetry.Server s = t.server();
      if (s == null || s.samples() == 0) {
        continue;
      }
      anyServerData = true;
      lastWithServerData = level.label();
      double waiting = orZero(s.waitingMean());
      waitingMost = Math.max(waitingMost, waiting);
      if (s.kvCacheMaxPercent() != null) {
        kvMost = Math.max(kvMost, s.kvCacheMaxPercent());
      }
      if (serverBottleneck != null) {
        continue;
      }
      boolean kvFull = s.kvCacheMaxPercent() != null && s.kvCacheMaxPercent() >= KV_FULL_PERCENT;
      boolean preempted = orZero(s.preemptions()) > 0;
      boolean queueing = waiting >= WAITING_MEAN;
      if (kvFull && (preempted || queueing)) {
        serverBottleneck = Bottleneck.KV_CACHE;
        serverFrom = level.label();
        serverClause = String.format(Locale.ROOT, "from %s the KV cache is %.0f %% full and %s: memory (the KV cache) is the "
            + "bottleneck", level.label(), s.kvCacheMaxPercent(), preempted ? plural(Math.round(s.preemptions()), "request was",
            "requests were") + " preempted" : "requests wait in the server (" + one(waiting) + " on average) while running stays at "
            + running(s));
      } else if (queueing) {
        serverBottleneck = Bottleneck.BATCH_LIMIT;
        serverFrom = level.label();
        // without the KV cache's use (TGI, recent llama.cpp) a full batch cannot be told from a full cache: say so
        serverClause = String.format(Locale.ROOT, "from %s requests wait in the server (%s on average) while running stays at %s%s", level.label(),
            one(waiting), running(s), s.kvCacheMaxPercent() == null
                ? ": the batch is full - its limit, or its KV cache, which this server does not report, is the bottleneck"
                : String.format(Locale.ROOT, " and the KV cache at most %.0f %% full: the batch limit is the bottleneck", s.kvCacheMaxPercent()));
      }
    }
    long clientBound = telemetry.stream().filter(t -> t.client() != null && t.client().clientBound()).count();
    String clientClause = clientFrom == null ? null : "the load generator was the bottleneck from " + clientFrom.label() + " ("
        + String.join(", ", clientFrom.client().reasons()) + "): " + (clientBound == 1 ? "that level is" : "those levels are")
        + " not the server's numbers";
    String clientLabel = clientFrom == null ? null : clientFrom.label();
    List<String> clauses = new ArrayList<>();
    Bottleneck bottleneck;
    String from;
    if (serverBottleneck != null) {
      bottleneck = serverBottleneck;
      from = serverFrom;
      clauses.add(serverClause);
      if (clientClause != null) {
        clauses.add(clientClause);
      }
    } else if (clientClause != null) {
      bottleneck = Bottleneck.CLIENT;
      from = clientLabel;
      clauses.add(clientClause);
    } else if (anyServerData) {
      bottleneck = Bottleneck.NONE;
      from = null;
      clauses.add(String.format(Locale.ROOT, "nothing saturated in the server up to %s: requests waiting at most %s on average%s",
          lastWithServerData, one(waitingMost), kvMost < 0 ? "" : String.format(Locale.ROOT, ", the KV cache at most %.0f %% full", kvMost)));
    } else if (serverAnswered) {
      bottleneck = Bottleneck.UNKNOWN;
      from = null;
      clauses.add("the server's metrics answered, but no scrape fell inside a measured window (levels shorter than "
          + "llm.telemetry.interval?), so what saturated cannot be read from them");
    } else {
      bottleneck = Bottleneck.UNKNOWN;
      from = null;
      clauses.add("the server offered no metrics, so what saturated cannot be read from its data"
          + (telemetry.stream().anyMatch(t -> t.client() != null) ? "; the load generator kept up at every level" : ""));
    }
    String plateau = plateau(levels);
    String sentence = capitalise((plateau == null ? "" : plateau + "; ") + String.join("; ", clauses)) + ".";
    return new Knee(bottleneck, from, clientLabel, sentence);
  }

  /** "Throughput levels off at c=32 (2,861 output tokens/s)" when a later level added little; else null. */
  static String plateau(List<LevelSummary> levels) {
    double best = levels.stream().mapToDouble(LevelSummary::outputTokensPerSecond).max().orElse(0);
    if (best <= 0) {
      return null;
    }
    for (int i = 0; i < levels.size() - 1; i++) {
      LevelSummary level = levels.get(i);
      if (level.outputTokensPerSecond() >= best * PLATEAU_SHARE_PERCENT / 100.0) {
        return String.format(Locale.ROOT, "throughput levels off at %s (%,.0f output tokens/s, within %d %% of the best)", level.label(),
            level.outputTokensPerSecond(), 100 - PLATEAU_SHARE_PERCENT);
      }
    }
    return null;
  }

  /**
   * The levels in the order of the load they offered: the most numerous kind (concurrency or rate; a rate sweep's
   * rates, not its two measuring phases) by its value, the others left out; in the order they ran when no kind has
   * two levels with values.
   */
  static List<LevelSummary> byLoad(List<LevelSummary> ran) {
    Map<String, List<LevelSummary>> byKind = new java.util.LinkedHashMap<>();
    for (LevelSummary l : ran) {
      if (load(l) != null) {
        byKind.computeIfAbsent(l.kind(), k -> new ArrayList<>()).add(l);
      }
    }
    List<LevelSummary> most = byKind.values().stream().max(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
    if (most.size() < 2) {
      return ran;
    }
    return most.stream().sorted(java.util.Comparator.comparingDouble(KneeExplanation::load)).toList();
  }

  private static Double load(LevelSummary l) {
    return l.concurrency() != null ? l.concurrency() : l.rate();
  }

  private static String running(LevelTelemetry.Server s) {
    return s.runningMax() == null ? "what it was" : String.format(Locale.ROOT, "%.0f", s.runningMax());
  }

  private static String one(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
