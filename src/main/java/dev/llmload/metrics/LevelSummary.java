package dev.llmload.metrics;

import java.util.List;

/**
 * The numbers of one level, as written to {@code summary.json} (schema version 1, README "summary.json").
 * Percentile fields are null when no successful request produced the value. {@code connectionRetries} counts the
 * requests of the level's measured part that were sent a second time on a fresh connection because the kept-alive
 * connection they first went out on had been closed by the server (not an error: the server never saw the first).
 * {@code cachedPromptTokensMean} and {@code cachedPromptShare} (cached prompt tokens / prompt tokens) are over the
 * successful requests whose server reported {@code usage.prompt_tokens_details.cached_tokens}; null when none did.
 * {@code conversations} holds the level's multi-turn conversations and its per-turn rows, null when it had none.
 * {@code distributions} holds TTFT and E2E as cumulative distributions for the report's charts, null when no
 * successful request produced either.
 * {@code slo} judges the level against {@code llm.slo} (null without one), {@code cost} prices its tokens by {@code
 * llm.cost} (null without a price) and {@code text} describes its replies' text (null when none was counted).
 */
public record LevelSummary(
    int index,
    String label,
    String kind,
    Double concurrency,
    Double rate,
    double durationSeconds,
    RequestCounts requests,
    long warmupRequests,
    double inFlightMean,
    long connectionRetries,
    Percentiles timeToHeadersMs,
    Percentiles ttftMs,
    Percentiles itlMs,
    Percentiles tpotMs,
    Percentiles e2eMs,
    Percentiles requestTokensPerSecond,
    double outputTokensPerSecond,
    double totalTokensPerSecond,
    double requestsPerSecond,
    double tokensPerMinute,
    Double inputTokensMean,
    Double outputTokensMean,
    String tokenCountSource,
    List<ErrorSummary> errors,
    OpenLoop openLoop,
    Double cachedPromptTokensMean,
    Double cachedPromptShare,
    ConversationSummary conversations,
    Lengths lengths,
    LatencyDistributions distributions,
    Slo slo,
    Cost cost,
    Text text) {

  /** A level with distributions, without an SLO, a cost or text statistics. */
  public LevelSummary(int index, String label, String kind, Double concurrency, Double rate, double durationSeconds, RequestCounts requests,
      long warmupRequests, double inFlightMean, long connectionRetries, Percentiles timeToHeadersMs, Percentiles ttftMs, Percentiles itlMs,
      Percentiles tpotMs, Percentiles e2eMs, Percentiles requestTokensPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
      double requestsPerSecond, double tokensPerMinute, Double inputTokensMean, Double outputTokensMean, String tokenCountSource,
      List<ErrorSummary> errors, OpenLoop openLoop, Double cachedPromptTokensMean, Double cachedPromptShare,
      ConversationSummary conversations, Lengths lengths, LatencyDistributions distributions) {
    this(index, label, kind, concurrency, rate, durationSeconds, requests, warmupRequests, inFlightMean, connectionRetries, timeToHeadersMs, ttftMs,
        itlMs, tpotMs, e2eMs, requestTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, requestsPerSecond, tokensPerMinute,
        inputTokensMean, outputTokensMean, tokenCountSource, errors, openLoop, cachedPromptTokensMean, cachedPromptShare, conversations, lengths, distributions, null, null, null);
  }

  /** A level with an SLO, a cost or text statistics, without distributions. */
  public LevelSummary(int index, String label, String kind, Double concurrency, Double rate, double durationSeconds, RequestCounts requests,
      long warmupRequests, double inFlightMean, long connectionRetries, Percentiles timeToHeadersMs, Percentiles ttftMs, Percentiles itlMs,
      Percentiles tpotMs, Percentiles e2eMs, Percentiles requestTokensPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
      double requestsPerSecond, double tokensPerMinute, Double inputTokensMean, Double outputTokensMean, String tokenCountSource,
      List<ErrorSummary> errors, OpenLoop openLoop, Double cachedPromptTokensMean, Double cachedPromptShare,
      ConversationSummary conversations, Lengths lengths, Slo slo, Cost cost, Text text) {
    this(index, label, kind, concurrency, rate, durationSeconds, requests, warmupRequests, inFlightMean, connectionRetries, timeToHeadersMs, ttftMs,
        itlMs, tpotMs, e2eMs, requestTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, requestsPerSecond, tokensPerMinute,
        inputTokensMean, outputTokensMean, tokenCountSource, errors, openLoop, cachedPromptTokensMean, cachedPromptShare, conversations, lengths, null, slo, cost, text);
  }

  /** A level without distributions, an SLO, a cost or text statistics. */
  public LevelSummary(int index, String label, String kind, Double concurrency, Double rate, double durationSeconds, RequestCounts requests,
      long warmupRequests, double inFlightMean, long connectionRetries, Percentiles timeToHeadersMs, Percentiles ttftMs, Percentiles itlMs,
      Percentiles tpotMs, Percentiles e2eMs, Percentiles requestTokensPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
      double requestsPerSecond, double tokensPerMinute, Double inputTokensMean, Double outputTokensMean, String tokenCountSource,
      List<ErrorSummary> errors, OpenLoop openLoop, Double cachedPromptTokensMean, Double cachedPromptShare,
      ConversationSummary conversations, Lengths lengths) {
    this(index, label, kind, concurrency, rate, durationSeconds, requests, warmupRequests, inFlightMean, connectionRetries, timeToHeadersMs, ttftMs,
        itlMs, tpotMs, e2eMs, requestTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, requestsPerSecond, tokensPerMinute,
        inputTokensMean, outputTokensMean, tokenCountSource, errors, openLoop, cachedPromptTokensMean, cachedPromptShare, conversations, lengths,
        null, null, null, null);
  }

  /** A level none of whose requests asked for a length, without cached tokens or conversations. */
  public LevelSummary(int index, String label, String kind, Double concurrency, Double rate, double durationSeconds, RequestCounts requests,
      long warmupRequests, double inFlightMean, long connectionRetries, Percentiles timeToHeadersMs, Percentiles ttftMs, Percentiles itlMs,
      Percentiles tpotMs, Percentiles e2eMs, Percentiles requestTokensPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
      double requestsPerSecond, double tokensPerMinute, Double inputTokensMean, Double outputTokensMean, String tokenCountSource,
      List<ErrorSummary> errors, OpenLoop openLoop) {
    this(index, label, kind, concurrency, rate, durationSeconds, requests, warmupRequests, inFlightMean, connectionRetries, timeToHeadersMs, ttftMs,
        itlMs, tpotMs, e2eMs, requestTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, requestsPerSecond, tokensPerMinute,
        inputTokensMean, outputTokensMean, tokenCountSource, errors, openLoop, null, null, null, null);
  }

  /** A level with lengths asked for, without cached tokens or conversations. */
  public LevelSummary(int index, String label, String kind, Double concurrency, Double rate, double durationSeconds, RequestCounts requests,
      long warmupRequests, double inFlightMean, long connectionRetries, Percentiles timeToHeadersMs, Percentiles ttftMs, Percentiles itlMs,
      Percentiles tpotMs, Percentiles e2eMs, Percentiles requestTokensPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
      double requestsPerSecond, double tokensPerMinute, Double inputTokensMean, Double outputTokensMean, String tokenCountSource,
      List<ErrorSummary> errors, OpenLoop openLoop, Lengths lengths) {
    this(index, label, kind, concurrency, rate, durationSeconds, requests, warmupRequests, inFlightMean, connectionRetries, timeToHeadersMs, ttftMs,
        itlMs, tpotMs, e2eMs, requestTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, requestsPerSecond, tokensPerMinute,
        inputTokensMean, outputTokensMean, tokenCountSource, errors, openLoop, null, null, null, lengths);
  }

  /** A level none of whose requests asked for a length. */
  public LevelSummary(int index, String label, String kind, Double concurrency, Double rate, double durationSeconds, RequestCounts requests,
      long warmupRequests, double inFlightMean, long connectionRetries, Percentiles timeToHeadersMs, Percentiles ttftMs, Percentiles itlMs,
      Percentiles tpotMs, Percentiles e2eMs, Percentiles requestTokensPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
      double requestsPerSecond, double tokensPerMinute, Double inputTokensMean, Double outputTokensMean, String tokenCountSource,
      List<ErrorSummary> errors, OpenLoop openLoop, Double cachedPromptTokensMean, Double cachedPromptShare,
      ConversationSummary conversations) {
    this(index, label, kind, concurrency, rate, durationSeconds, requests, warmupRequests, inFlightMean, connectionRetries, timeToHeadersMs, ttftMs,
        itlMs, tpotMs, e2eMs, requestTokensPerSecond, outputTokensPerSecond, totalTokensPerSecond, requestsPerSecond, tokensPerMinute,
        inputTokensMean, outputTokensMean, tokenCountSource, errors, openLoop, cachedPromptTokensMean, cachedPromptShare, conversations, null);
  }

  /** Requests attributed to the level (started in its measured part), by outcome. */
  public record RequestCounts(long successful, long errored, long incomplete, long total) {}

  /**
   * How an open level kept its schedule (null for closed levels): the achieved rate (measured requests sent per
   * second of the window), scheduled vs sent inside the window, send lag (send - scheduled), and TTFT/E2E from the
   * scheduled time - the latency a user arriving on time saw, client queueing included (coordinated omission). {@code
   * problem} says when the load generator fell behind, null when it kept up.
   */
  public record OpenLoop(double achievedRate, long scheduledInWindow, long sentInWindow, Percentiles sendLagMs,
      Percentiles ttftFromScheduledMs, Percentiles e2eFromScheduledMs, String problem) {}

  /** One failure class, by its {@link FailureKind#wireName() wire name}: how many, and the first message seen. */
  public record ErrorSummary(String kind, long count, String sample) {}

  /**
   * The lengths the level's requests asked for against what the server counted ({@link LengthCheck}): means over the
   * successful measured requests that asked for one - input against {@code usage.prompt_tokens}, output against the
   * output tokens ({@code usage.completion_tokens}, else content chunks) - null where none asked; {@code lengthWarning}
   * says when the server did not honour them, null when it did. The whole is null when no request asked for a length.
   */
  public record Lengths(Double requestedInputTokensMean, Double receivedInputTokensMean, Double requestedOutputTokensMean,
      Double receivedOutputTokensMean, String lengthWarning) {}

  /**
   * The level against {@code llm.slo} ({@link SloCheck}): {@code attainment} = good / measured requests (null when the
   * level had none), {@code requestGoodput} = good requests / window length, {@code tokenGoodput} = their output tokens /
   * window length, {@code met} whether the level meets the SLO, and {@code missed} why not (one sentence naming each
   * miss, e.g. {@code "TTFT p95 612.3 ms above 500 ms"}), null when it does.
   */
  public record Slo(Double attainment, double requestGoodput, double tokenGoodput, boolean met, String missed) {}

  /**
   * What the level's tokens cost ({@link TokenCost}): dollars per million output tokens and per million tokens in all
   * (prompt and output) at the level's throughput; a rate of 0 has no price (null).
   */
  public record Cost(Double perMillionOutputTokensUsd, Double perMillionTotalTokensUsd) {}

  /**
   * The text of the level's replies ({@link OutputText}), over its successful measured requests whose text was counted:
   * mean characters, mean words, and the mean over those with a word of each reply's distinct words / words ({@code
   * vocabularyDiversity}, null when no reply had a word).
   */
  public record Text(double outputCharsMean, double outputWordsMean, Double vocabularyDiversity) {}
}
