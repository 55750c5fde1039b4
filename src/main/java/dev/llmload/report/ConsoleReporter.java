package dev.llmload.report;

import dev.llmload.metrics.ConversationSummary;
import dev.llmload.metrics.EndpointSplit;
import dev.llmload.metrics.EndpointSummary;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import dev.llmload.metrics.RequestMetrics;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.nightly.Check;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one place that prints to the console: level lines during a run, the table and paths at the end. */
public final class ConsoleReporter {

  private final PrintStream out;

  public ConsoleReporter(PrintStream out) {
    this.out = out;
  }

  public static ConsoleReporter stdout() {
    return new ConsoleReporter(System.out);
  }

  public void info(String message) {
    out.println("[llm-loadtest] " + message);
    out.flush();
  }

  /** A user-facing failure: one sentence, no stack trace. */
  public void error(String message) {
    out.println("[llm-loadtest] ERROR: " + message);
    out.flush();
  }

  /** The live line printed when a level has finished. */
  public void level(LevelSummary l) {
    info(levelLine(l));
    if (l.lengths() != null && l.lengths().lengthWarning() != null) {
      info("WARNING: " + l.lengths().lengthWarning());
    }
  }

  static String levelLine(LevelSummary l) {
    return String.format(Locale.ROOT, "%-7s ok %d err %d inc %d | out %.1f tok/s | TTFT p50 %s p99 %s ms | ITL p50 %s p99 %s ms%s",
        l.label(), l.requests().successful(), l.requests().errored(), l.requests().incomplete(), l.outputTokensPerSecond(),
        p(l.ttftMs(), true), p(l.ttftMs(), false), p(l.itlMs(), true), p(l.itlMs(), false),
        l.connectionRetries() == 0 ? "" : " | " + l.connectionRetries() + " re-sent after a stale connection")
        + (l.openLoop() == null ? "" : " | send lag p50 " + p(l.openLoop().sendLagMs(), true) + " p99 " + p(l.openLoop().sendLagMs(), false)
            + " ms | sent " + l.openLoop().sentInWindow() + " of " + l.openLoop().scheduledInWindow() + " scheduled")
        + (l.cachedPromptShare() == null ? "" : String.format(Locale.ROOT, " | cached %.0f%% of prompt tokens", l.cachedPromptShare() * 100))
        + (l.conversations() == null || l.conversations().started() == 0 ? "" : String.format(Locale.ROOT,
            " | conversations %d opened, %d completed, %d cut short", l.conversations().started(), l.conversations().completed(),
            l.conversations().cutShort()))
        + (l.slo() == null ? "" : " | SLO " + (l.slo().met() ? "met" : "missed") + (l.slo().attainment() == null ? ""
            : String.format(Locale.ROOT, ", attainment %.1f %%", l.slo().attainment() * 100)));
  }

  /** One request of a single-user probe, as the people who probe one model at a time read it. */
  public void probeRequest(String step, RequestRecord r) {
    info(probeLine(step, r));
  }

  static String probeLine(String step, RequestRecord r) {
    if (r.outcome() != dev.llmload.metrics.Outcome.SUCCESSFUL) {
      return String.format(Locale.ROOT, "%-8s %s: %s", step, r.outcome().name().toLowerCase(Locale.ROOT), r.errorMessage());
    }
    long[] gaps = RequestMetrics.itlMicros(r);
    double itlMs = gaps.length == 0 ? Double.NaN : java.util.Arrays.stream(gaps).average().orElseThrow() / 1000;
    double tps = RequestMetrics.requestTokensPerSecond(r).orElse(Double.NaN);
    return String.format(Locale.ROOT, "%-8s in %s tok | out %d tok | TTFT %.1f ms | ITL %.1f ms | %.1f tok/s | TPM %.0f | E2E %.2f s", step,
        r.promptTokens() < 0 ? "?" : Integer.toString(r.promptTokens()), RequestMetrics.outputTokens(r),
        RequestMetrics.ttftMicros(r).orElse(-1) / 1000.0, itlMs, tps, tps * 60, RequestMetrics.e2eMicros(r).orElse(-1) / 1e6);
  }

  /** The end-of-run table. */
  public void table(RunSummary s) {
    out.println();
    out.printf(Locale.ROOT, "llm-loadtest %s - %s (%s%s)%n", s.simulation(), s.target().model(), s.target().where(),
        s.target().embedded() ? ", embedded simulator preset " + s.target().serverPreset() : "");
    int width = Math.max(8, s.levels().stream().mapToInt(l -> l.label().length()).max().orElse(0));
    out.printf(Locale.ROOT, "%-" + width + "s %6s %5s %5s %7s %10s %8s %8s %9s %9s %8s %8s %9s %7s%n",
        "level", "ok", "err", "inc", "retries", "out tok/s", "req/s", "hdrs p50", "TTFT p50", "TTFT p99", "ITL p50", "ITL p99", "TPOT p50",
        "cached");
    for (LevelSummary l : s.levels()) {
      out.printf(Locale.ROOT, "%-" + width + "s %6d %5d %5d %7d %10.1f %8.2f %8s %9s %9s %8s %8s %9s %7s%n",
          l.label(), l.requests().successful(), l.requests().errored(), l.requests().incomplete(), l.connectionRetries(),
          l.outputTokensPerSecond(), l.requestsPerSecond(), p(l.timeToHeadersMs(), true), p(l.ttftMs(), true), p(l.ttftMs(), false),
          p(l.itlMs(), true), p(l.itlMs(), false), p(l.tpotMs(), true), percent(l.cachedPromptShare()));
    }
    out.println("(latencies in ms; retries = requests re-sent on a fresh connection after the server closed a kept-alive one;");
    out.println(" cached = share of prompt tokens the server answered from its prefix cache, - when it did not say)");
    conversations(s, width);
    sloLines(s, width).forEach(out::println);
    if (s.partial()) {
      out.println("PARTIAL RUN: " + s.partialReason());
    }
    for (String note : s.notes()) {
      out.println("NOTE: " + note);
    }
    endpointLines(s).forEach(out::println);
    out.flush();
  }

  /**
   * A run spread over several base URLs: per level, a line per endpoint (its share of the requests, outcomes,
   * throughput, TTFT and ITL), and a line when the split was uneven; nothing with one base URL.
   */
  static List<String> endpointLines(RunSummary s) {
    List<String> lines = new ArrayList<>();
    if (s.endpoints() == null || s.endpoints().isEmpty()) {
      return lines;
    }
    lines.add("per endpoint (" + (s.target().balancing() == null ? "round-robin" : s.target().balancing()) + "):");
    int width = Math.max(8, s.levels().stream().mapToInt(l -> l.label().length()).max().orElse(0));
    for (LevelSummary level : s.levels()) {
      List<EndpointSplit.Share> shares = EndpointSplit.shares(s.endpoints(), level.index());
      for (int i = 0; i < s.endpoints().size(); i++) {
        EndpointSummary e = s.endpoints().get(i);
        double share = shares.get(i).share() * 100;
        e.levels().stream().filter(l -> l.index() == level.index()).findFirst().ifPresent(l -> lines.add(String.format(Locale.ROOT,
            "%-" + width + "s %s  %3.0f %% | ok %d err %d inc %d | out %.1f tok/s | TTFT p50 %s p99 %s ms | ITL p50 %s p99 %s ms",
            level.label(), e.endpoint(), share, l.requests().successful(), l.requests().errored(), l.requests().incomplete(),
            l.outputTokensPerSecond(), p(l.ttftMs(), true), p(l.ttftMs(), false), p(l.itlMs(), true), p(l.itlMs(), false))));
      }
      EndpointSplit.uneven(s.endpoints(), level.index(), level.label()).ifPresent(u -> lines.add("NOTE: " + u));
    }
    return lines;
  }

  /** The conversations per level and each level's turns, when the run had conversations. */
  private void conversations(RunSummary s, int levelWidth) {
    if (s.levels().stream().allMatch(l -> l.conversations() == null)) {
      return;
    }
    int width = Math.max(levelWidth, "conversations".length());
    out.println();
    out.printf(Locale.ROOT, "%-" + width + "s %8s %9s %9s %10s %7s %9s %9s%n",
        "conversations", "opened", "completed", "cut short", "unfinished", "turns", "dur s", "tokens");
    for (LevelSummary l : s.levels()) {
      ConversationSummary c = l.conversations();
      if (c != null) {
        out.printf(Locale.ROOT, "%-" + width + "s %8d %9d %9d %10d %7s %9s %9s%n", l.label(), c.started(), c.completed(), c.cutShort(),
            c.unfinished(), number(c.turnsMean()), number(c.durationMeanSeconds()), number(c.totalTokensMean()));
      }
    }
    out.printf(Locale.ROOT, "%-" + width + "s %5s %8s %6s %9s %9s %8s %10s%n", "turns", "turn", "requests", "ok", "TTFT p50", "TTFT p95",
        "in tok", "cached tok");
    for (LevelSummary l : s.levels()) {
      if (l.conversations() == null) {
        continue;
      }
      for (ConversationSummary.Turn t : l.conversations().turns()) {
        out.printf(Locale.ROOT, "%-" + width + "s %5d %8d %6d %9s %9s %8s %10s%n", l.label(), t.turn(), t.requests(), t.successful(),
            p(t.ttftMs(), true), t.ttftMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", t.ttftMs().p95()), number(t.promptTokensMean()),
            number(t.cachedPromptTokensMean()));
      }
    }
    out.println("(conversations that opened in each level: turns and tokens per conversation, duration and tokens over completed ones;");
    out.println(" turns: each level's requests by turn number - the prompt grows with the history, and later turns find it cached)");
  }

  /**
   * With an SLO: the limits, a line per level (met or missed and why, attainment, goodput, cost when priced) and the
   * headline - the highest load within the SLO, its throughput and cost. Priced without an SLO: the cost per level.
   * Nothing with neither.
   */
  static List<String> sloLines(RunSummary s, int width) {
    List<String> lines = new ArrayList<>();
    boolean priced = s.levels().stream().anyMatch(l -> l.cost() != null);
    if (s.slo() == null && !priced) {
      return lines;
    }
    lines.add("");
    lines.add(s.slo() == null ? "cost:" : "SLO: " + SloTables.limits(s.slo().limits()));
    for (LevelSummary l : s.levels()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", l.label()));
      LevelSummary.Slo o = l.slo();
      if (o != null) {
        line.append(String.format(Locale.ROOT, " %-6s attainment %7s | goodput %.2f req/s %.1f tok/s", o.met() ? "met" : "missed",
            o.attainment() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", o.attainment() * 100), o.requestGoodput(),
            o.tokenGoodput()));
      }
      if (l.cost() != null) {
        line.append(" | ").append(l.cost().perMillionOutputTokensUsd() == null ? "-" : SloTables.usd(l.cost().perMillionOutputTokensUsd()))
            .append(" per 1M output tokens");
      }
      if (o != null && o.missed() != null) {
        line.append(" (").append(o.missed()).append(')');
      }
      lines.add(line.toString());
    }
    if (s.slo() != null) {
      lines.add(SloTables.headline(s).replace("Highest load within SLO", "HIGHEST LOAD WITHIN SLO"));
    }
    return lines;
  }

  private static String number(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  /** A share as a whole percentage, {@code -} when unknown. */
  private static String percent(Double share) {
    return share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String p(Percentiles p, boolean median) {
    if (p == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", median ? p.p50() : p.p99());
  }

  /** The block of baseline verdicts at the end of a run: nothing when no baseline was set. */
  public void baseline(dev.llmload.nightly.BaselineResult result) {
    if (result == null) {
      return;
    }
    out.println();
    BaselineTables.lines(result).forEach(out::println);
    out.flush();
  }
  /**
   * The telemetry block: the knee sentence and each level whose load generator was the bottleneck, with why; nothing
   * when telemetry was off.
   */
  public void telemetry(dev.llmload.telemetry.TelemetrySummary telemetry) {
    telemetryLines(telemetry).forEach(out::println);
    out.flush();
  }

  /** The lines of {@link #telemetry}. */
  static List<String> telemetryLines(dev.llmload.telemetry.TelemetrySummary t) {
    List<String> lines = new ArrayList<>();
    if (t == null) {
      return lines;
    }
    lines.add("");
    if (t.knee() != null) {
      lines.add("knee: " + t.knee().sentence());
    }
    for (dev.llmload.telemetry.LevelTelemetry l : t.levels()) {
      if (l.client() != null && l.client().clientBound()) {
        lines.add("  " + l.label() + ": CLIENT-BOUND, these numbers are the load generator's, not the server's: "
            + String.join("; ", l.client().reasons()));
      }
    }
    return lines;
  }

  /** The gates block: every gate's check (metric, level, limit, measured, pass or fail) and a verdict; nothing without gates. */
  public void gates(List<Check> checks) {
    gateLines(checks).forEach(out::println);
    out.flush();
  }

  /** The lines of {@link #gates}. */
  static List<String> gateLines(List<Check> checks) {
    List<String> lines = new ArrayList<>();
    if (checks.isEmpty()) {
      return lines;
    }
    long failed = checks.stream().filter(c -> !c.passed()).count();
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    lines.add("");
    lines.add("gates (llm.gates): " + (failed == 0 ? "all " + checks.size() + " passed" : failed + " of " + checks.size() + " FAILED"));
    for (Check c : checks) {
      lines.add(String.format(Locale.ROOT, "  %-4s  %-" + width + "s  %s", c.passed() ? "pass" : "FAIL", c.name(), c.detail()));
    }
    return lines;
  }
}
