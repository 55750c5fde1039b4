package dev.llmload.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Requested against received token lengths, per level: the means over the successful measured requests that asked
 * for a length, and whether the server honoured them. Rule: a mean received more than {@link #TOLERANCE} (5 %) and
 * more than {@link #SLACK_TOKENS} (2) tokens away from the mean requested is not honoured - for input, the server
 * counts the prompt otherwise than the tokenizer it was composed with; for output, the server stopped early or went
 * on (it does not honour {@code ignore_eos}, {@code min_tokens} or {@code max_tokens}). Pure functions.
 */
public final class LengthCheck {

  /** A received mean this share away from the requested one (and {@link #SLACK_TOKENS} tokens) is not honoured. */
  public static final double TOLERANCE = 0.05;
  /** ... and this many tokens away: a short length is not flagged for one token. */
  public static final double SLACK_TOKENS = 2;

  private LengthCheck() {}

  /** The sums of one level, as {@link LevelStats} keeps them. */
  record Sums(long inputRequested, long inputReceived, long inputRequests, long outputRequested, long outputReceived, long outputRequests) {}

  /** The level's lengths, null when none of its successful measured requests asked for one. */
  static LevelSummary.Lengths summarise(String level, Sums s) {
    if (s.inputRequests() == 0 && s.outputRequests() == 0) {
      return null;
    }
    Double inRequested = mean(s.inputRequested(), s.inputRequests());
    Double inReceived = mean(s.inputReceived(), s.inputRequests());
    Double outRequested = mean(s.outputRequested(), s.outputRequests());
    Double outReceived = mean(s.outputReceived(), s.outputRequests());
    List<String> off = new ArrayList<>();
    if (inRequested != null && notHonoured(inRequested, inReceived)) {
      off.add(String.format(Locale.ROOT, "input %.1f tokens requested, %.1f received in usage.prompt_tokens (%+.1f %%): the server counts the "
          + "prompt otherwise than the tokenizer it was composed with (see request.tokenCounter)", inRequested, inReceived,
          100 * (inReceived - inRequested) / inRequested));
    }
    if (outRequested != null && notHonoured(outRequested, outReceived)) {
      off.add(String.format(Locale.ROOT, "output %.1f tokens requested, %.1f received (%+.1f %%): the server stopped early or went on - it "
          + "does not honour ignore_eos, min_tokens or max_tokens", outRequested, outReceived, 100 * (outReceived - outRequested) / outRequested));
    }
    String warning = off.isEmpty() ? null : level + ": the server did not honour the requested lengths (a mean more than "
        + Math.round(TOLERANCE * 100) + " % and " + Math.round(SLACK_TOKENS) + " tokens off): " + String.join("; ", off);
    return new LevelSummary.Lengths(inRequested, inReceived, outRequested, outReceived, warning);
  }

  /** True when {@code received} is more than the tolerance and the slack away from {@code requested}. */
  static boolean notHonoured(double requested, double received) {
    double gap = Math.abs(received - requested);
    return gap > TOLERANCE * requested && gap > SLACK_TOKENS;
  }

  private static Double mean(long sum, long n) {
    return n == 0 ? null : Percentiles.round((double) sum / n);
  }
}
