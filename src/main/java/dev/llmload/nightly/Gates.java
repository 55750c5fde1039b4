package dev.llmload.nightly;

import dev.llmload.config.Gate;
import dev.llmload.config.GateMetric;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import dev.llmload.report.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gates ({@code llm.gates}) judged on a finished run: a pure function from the run's summary to one {@link Check}
 * (suite {@value #SUITE}) per gate and level. A gate without a level gives one check per measured level; a gate on a
 * level the run did not measure, or on a value the run has not got (no successful request, no SLO met), fails and
 * says so.
 */
public final class Gates {

  /** The suite of every gate's check. */
  public static final String SUITE = "gates";

  private Gates() {}

  /** Every gate's checks on {@code summary}, in the order of {@code gates}, each gate's levels in run order. */
  public static List<Check> evaluate(List<Gate> gates, RunSummary summary) {
    List<Check> out = new ArrayList<>();
    for (Gate gate : gates) {
      if (!gate.metric().perLevel()) {
        out.add(judge(gate, null, runValue(gate.metric(), summary)));
      } else if (gate.level() != null) {
        Optional<LevelSummary> level = summary.levels().stream().filter(l -> l.label().equals(gate.level())).findFirst();
        out.add(level.map(l -> judge(gate, l.label(), levelValue(gate.metric(), l)))
            .orElseGet(() -> new Check(SUITE, name(gate, gate.level()), false, "level " + gate.level() + " was not measured; the run's "
                + "levels: " + labels(summary))));
      } else if (summary.levels().isEmpty()) {
        out.add(new Check(SUITE, name(gate, "every level"), false, "no level was measured"));
      } else {
        for (LevelSummary level : summary.levels()) {
          out.add(judge(gate, level.label(), levelValue(gate.metric(), level)));
        }
      }
    }
    return List.copyOf(out);
  }

  /** True when every check passed (none: true). */
  public static boolean allPassed(List<Check> checks) {
    return checks.stream().allMatch(Check::passed);
  }

  /** A measured value, or why there is none. */
  record Value(Double value, String missing) {
    static Value of(double v) {
      return new Value(v, null);
    }

    static Value missing(String why) {
      return new Value(null, why);
    }
  }

  private static Check judge(Gate gate, String level, Value value) {
    String name = name(gate, level);
    if (value.value() == null) {
      return new Check(SUITE, name, false, "no value: " + value.missing() + "; limit " + gate.limit());
    }
    double v = value.value();
    boolean passed = (gate.min() == null || v >= gate.min()) && (gate.max() == null || v <= gate.max());
    String unit = gate.metric().unit().isEmpty() ? "" : " " + gate.metric().unit();
    return new Check(SUITE, name, passed, "measured " + Gate.number(v) + unit + ", limit " + gate.limit());
  }

  /** E.g. {@code ttftMs.p95 at c=32 <= 800 ms}, {@code highestLoadWithinSlo >= 32}. */
  static String name(Gate gate, String level) {
    return gate.metric().name() + (level == null ? "" : " at " + level) + " " + gate.limit();
  }

  static Value levelValue(GateMetric metric, LevelSummary level) {
    String name = metric.name();
    int dot = name.indexOf('.');
    if (dot > 0) {
      Percentiles p = distribution(name.substring(0, dot), level);
      if (p == null) {
        return Value.missing("no " + name.substring(0, dot) + " was measured at " + level.label() + " (no successful request)");
      }
      return Value.of(switch (name.substring(dot + 1)) {
        case "mean" -> p.mean();
        case "p50" -> p.p50();
        case "p90" -> p.p90();
        case "p95" -> p.p95();
        case "p99" -> p.p99();
        case "max" -> p.max();
        default -> throw new IllegalArgumentException("unknown statistic in " + name);
      });
    }
    return switch (name) {
      case "outputTokensPerSecond" -> Value.of(level.outputTokensPerSecond());
      case "totalTokensPerSecond" -> Value.of(level.totalTokensPerSecond());
      case "requestsPerSecond" -> Value.of(level.requestsPerSecond());
      case "tokensPerMinute" -> Value.of(level.tokensPerMinute());
      case "errorRate" -> level.requests() == null || level.requests().total() == 0
          ? Value.missing("no request was measured at " + level.label())
          : Value.of((double) (level.requests().errored() + level.requests().incomplete()) / level.requests().total());
      default -> throw new IllegalArgumentException("no per-level value for " + name);
    };
  }

  private static Percentiles distribution(String name, LevelSummary level) {
    return switch (name) {
      case "timeToHeadersMs" -> level.timeToHeadersMs();
      case "ttftMs" -> level.ttftMs();
      case "itlMs" -> level.itlMs();
      case "tpotMs" -> level.tpotMs();
      case "e2eMs" -> level.e2eMs();
      case "requestTokensPerSecond" -> level.requestTokensPerSecond();
      default -> throw new IllegalArgumentException("unknown distribution " + name);
    };
  }

  static Value runValue(GateMetric metric, RunSummary summary) {
    if (!metric.name().equals(GateMetric.HIGHEST_LOAD_WITHIN_SLO)) {
      throw new IllegalArgumentException("no run value for " + metric.name());
    }
    if (summary.slo() == null) {
      return Value.missing("the run has no SLO (llm.slo)");
    }
    if (summary.slo().highestLoadWithinSlo() == null) {
      return Value.missing("no level met the SLO");
    }
    int index = summary.slo().highestLoadWithinSlo().index();
    return summary.levels().stream().filter(l -> l.index() == index).findFirst()
        .map(l -> l.concurrency() != null ? Value.of(l.concurrency()) : l.rate() != null ? Value.of(l.rate())
            : Value.missing("level " + l.label() + " has no load measure (users or rate)"))
        .orElseGet(() -> Value.missing("level " + summary.slo().highestLoadWithinSlo().label() + " is not in the summary"));
  }

  private static String labels(RunSummary summary) {
    return summary.levels().isEmpty() ? "none" : summary.levels().stream().map(LevelSummary::label).collect(Collectors.joining(", "));
  }
}
