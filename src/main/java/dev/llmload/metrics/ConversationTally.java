package dev.llmload.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Accumulates the conversations of a run, per level, for {@link ConversationSummary}. Fed every record with its level
 * (records that are no conversation's turn are ignored). Relies on what the client guarantees: a conversation's records
 * arrive in turn order (a turn starts once the one before it was recorded), so a conversation is settled - folded into
 * its opening level's totals and forgotten - at its last turn or its first failed one; those the run ended stay open
 * (at most one per user) and count as unfinished. Not thread-safe: fed by {@link RunAggregator}'s one thread.
 */
final class ConversationTally {

  /** Conversations not settled yet, by id. */
  private final Map<String, Progress> open = new HashMap<>();
  /** Settled conversations, by opening level. */
  private final Map<Integer, Totals> settled = new HashMap<>();
  /** Measured requests by level, then turn number. */
  private final Map<Integer, TreeMap<Integer, TurnStats>> turns = new HashMap<>();

  void add(RequestRecord r, int level) {
    ConversationMetrics.turnOf(r).ifPresent(t -> add(r, level, t));
  }

  private void add(RequestRecord r, int level, ConversationMetrics.TurnOf t) {
    boolean ok = r.outcome() == Outcome.SUCCESSFUL;
    if (!r.warmup()) {
      turns.computeIfAbsent(level, l -> new TreeMap<>()).computeIfAbsent(t.turn(), k -> new TurnStats()).add(r, ok);
    }
    Progress p = open.computeIfAbsent(t.conversation(), id -> new Progress(t.turns()));
    p.add(r, level, t.turn(), ok);
    if (!ok || t.last()) {
      open.remove(t.conversation());
      if (p.counted()) {
        settled.computeIfAbsent(p.level, l -> new Totals()).add(p, ok ? Ending.COMPLETED : Ending.CUT_SHORT);
      }
    }
  }

  /** The conversations that opened in {@code level} and its per-turn rows; null when it had neither. */
  ConversationSummary summary(int level) {
    Totals all = new Totals();
    Totals done = settled.get(level);
    if (done != null) {
      all.addAll(done);
    }
    for (Progress p : open.values()) {
      if (p.counted() && p.level == level) {
        all.add(p, Ending.UNFINISHED);
      }
    }
    List<ConversationSummary.Turn> rows = new ArrayList<>();
    turns.getOrDefault(level, new TreeMap<>()).forEach((turn, s) -> rows.add(s.summary(turn)));
    if (all.started == 0 && rows.isEmpty()) {
      return null;
    }
    return new ConversationSummary(all.started, all.completed, all.cutShort, all.unfinished,
        all.started == 0 ? null : Percentiles.round((double) all.turnsSum / all.started),
        all.completed == 0 ? null : Percentiles.round(all.durationMicrosSum / 1e6 / all.completed),
        all.withTokens == 0 ? null : Percentiles.round((double) all.tokensSum / all.withTokens),
        rows);
  }

  private enum Ending { COMPLETED, CUT_SHORT, UNFINISHED }

  /** One conversation so far: where it opened, how far it got, what it cost. */
  private static final class Progress {
    final int planned;
    int level = -1;
    int firstTurn = Integer.MAX_VALUE;
    boolean openedInWarmup;
    int sent;
    long firstSendMicros;
    long lastEndMicros;
    long tokens;
    boolean allUsage = true;

    Progress(int planned) {
      this.planned = planned;
    }

    void add(RequestRecord r, int recordLevel, int turn, boolean ok) {
      if (turn < firstTurn) { // the opening: turn 1, or the earliest one recorded
        firstTurn = turn;
        level = recordLevel;
        openedInWarmup = r.warmup();
        firstSendMicros = r.sendMicros();
      }
      sent++;
      lastEndMicros = Math.max(lastEndMicros, r.endMicros());
      OptionalLong t = ConversationMetrics.turnTokens(r);
      if (t.isPresent()) {
        tokens += t.getAsLong();
      } else {
        allUsage = false;
      }
    }

    /** Counted in its opening level: it opened in the level's measured part. */
    boolean counted() {
      return !openedInWarmup;
    }
  }

  /** Conversations of one level, by how they ended. */
  private static final class Totals {
    long started;
    long completed;
    long cutShort;
    long unfinished;
    long turnsSum;
    long durationMicrosSum;
    long tokensSum;
    long withTokens;

    void add(Progress p, Ending ending) {
      started++;
      turnsSum += p.sent;
      switch (ending) {
        case COMPLETED -> {
          completed++;
          durationMicrosSum += p.lastEndMicros - p.firstSendMicros;
          if (p.allUsage) {
            tokensSum += p.tokens;
            withTokens++;
          }
        }
        case CUT_SHORT -> cutShort++;
        case UNFINISHED -> unfinished++;
      }
    }

    void addAll(Totals o) {
      started += o.started;
      completed += o.completed;
      cutShort += o.cutShort;
      unfinished += o.unfinished;
      turnsSum += o.turnsSum;
      durationMicrosSum += o.durationMicrosSum;
      tokensSum += o.tokensSum;
      withTokens += o.withTokens;
    }
  }

  /** The measured requests of one turn number in one level. */
  private static final class TurnStats {
    /** Microseconds, 2 significant digits, growing as needed: a per-turn row does not need the level's 0.1 %. */
    final Histogram ttft = new Histogram(2);
    long requests;
    long successful;
    long promptSum;
    long promptCount;
    long cachedSum;
    long cachedCount;

    void add(RequestRecord r, boolean ok) {
      requests++;
      if (!ok) {
        return;
      }
      successful++;
      RequestMetrics.ttftMicros(r).ifPresent(v -> ttft.recordValue(Math.max(0, v)));
      if (r.promptTokens() >= 0) {
        promptSum += r.promptTokens();
        promptCount++;
      }
      if (r.hasCachedPromptTokens()) {
        cachedSum += r.cachedPromptTokens();
        cachedCount++;
      }
    }

    ConversationSummary.Turn summary(int turn) {
      return new ConversationSummary.Turn(turn, requests, successful, Percentiles.of(ttft, 1000),
          promptCount == 0 ? null : Percentiles.round((double) promptSum / promptCount),
          cachedCount == 0 ? null : Percentiles.round((double) cachedSum / cachedCount));
    }
  }
}
