package dev.llmload.metrics;

/**
 * What each reported number means: the one text of the metric definitions. The report's "Definitions" section
 * renders it, README "Metrics" lists it ({@code MetricDefinitionTest} holds that table to this enum), and
 * {@link RequestMetrics} computes it. Time stamps are those of a {@link RequestRecord} ({@code t_send},
 * {@code t_headers}, {@code t_chunk[i]} for every content chunk); meanings use backticks for code, as markdown does.
 */
public enum MetricDefinition {

  SEND_TIME("send time", "t_send", "when the request is handed to Gatling's HTTP client. A request re-sent after a keep-alive race "
      + "keeps its first `t_send`: TTFT and E2E are what a caller of the server waited, the lost first attempt included."),
  TIME_TO_HEADERS("time to headers", "t_headers - t_send", "the response's status line and headers arrived: the server accepted the "
      + "request and answered (`timeToHeadersMs`). The gap to TTFT is queueing and prefill."),
  TTFT("TTFT", "t_first_content - t_send", "the first chunk carrying generated text (content, reasoning or a tool-call delta) "
      + "arrived (`ttftMs`). A role-only or empty first chunk (vLLM and llama.cpp send one) does not count."),
  ITL("ITL", "t_chunk[i] - t_chunk[i-1]", "every gap between consecutive content chunks, pooled over requests (vLLM's convention; "
      + "`itlMs`)."),
  TPOT("TPOT", "(t_last_content - t_first_content) / (output_tokens - 1)", "one value per request with at least 2 tokens "
      + "(`tpotMs`)."),
  E2E("E2E", "t_last_content - t_send", "the last content chunk arrived: the whole answer as its caller waited for it (`e2eMs`)."),
  REQUEST_TOKENS_PER_SECOND("request tokens/s", "output_tokens / E2E", "per request (`requestTokensPerSecond` percentiles)."),
  OUTPUT_TOKENS_PER_SECOND("output tokens/s", "window output tokens / window length", "window output tokens are those that arrived "
      + "inside the level's measured window: what the server delivered while that level ran, whichever request the tokens "
      + "belonged to and however it ended - a stream cut at saturation still delivered its tokens (`outputTokensPerSecond`)."),
  TOTAL_TOKENS_PER_SECOND("total tokens/s", "output tokens/s + window prompt tokens / window length", "window prompt tokens are "
      + "those of requests whose first token arrived in the window, whatever their outcome (`totalTokensPerSecond`)."),
  CONNECTION_RETRIES("connection retries", "", "requests sent a second time, on a fresh connection, because the kept-alive "
      + "connection they first went out on failed before any byte of response: the server had closed it and never saw the "
      + "request (`connectionRetries`). Not an error; never done once a response byte has arrived."),
  REQUESTS_PER_SECOND("requests/s", "window completions / window length", "window completions are the successful requests "
      + "that ended inside the window (`requestsPerSecond`)."),
  TPM("TPM", "output tokens/s x 60", "output tokens per minute (`tokensPerMinute`)."),
  SEND_LAG("send lag", "t_send - t_scheduled", "open workloads: how late the client sent each request after the time its "
      + "arrival was drawn for, waiting for a `maxInFlight` slot included (`openLoop.sendLagMs`)."),
  FROM_SCHEDULED("TTFT / E2E from scheduled", "t_first_content - t_scheduled, t_last_content - t_scheduled", "open workloads: "
      + "what a user arriving on time waited, the client's lag included - the figure coordinated omission would hide "
      + "(`openLoop.ttftFromScheduledMs`, `openLoop.e2eFromScheduledMs`)."),
  ACHIEVED_RATE("achieved rate", "requests sent in the window / window length", "open workloads: the rate the client really "
      + "offered, next to the target `rate`; with `scheduledInWindow` vs `sentInWindow` it shows a client that fell "
      + "behind (`openLoop.achievedRate`)."),
  OUTPUT_TOKENS("output tokens", "usage.completion_tokens", "the server's count when it sent usage, else the number of content "
      + "chunks; `tokenCountSource` says which (`usage`, `chunks`, `mixed`). With usage, tokens are spread evenly over the "
      + "request's chunks for the window counts (`outputTokensMean`)."),
  CACHED_PROMPT_TOKENS("cached prompt tokens", "usage.prompt_tokens_details.cached_tokens", "prompt tokens the server answered from its "
      + "prefix cache instead of prefilling them, as it reported them (OpenAI does; vLLM with `--enable-prompt-tokens-details`); the "
      + "mean over the successful requests that reported it (`cachedPromptTokensMean`), `null` when none did: a server that does not "
      + "say is unknown, never 0."),
  CACHED_PROMPT_SHARE("cached share", "sum of cached prompt tokens / sum of prompt tokens", "over the same requests: the share of the "
      + "prompts the server's prefix cache served (`cachedPromptShare`, 0 to 1). Unique prompts keep it near 0; a repeated prompt "
      + "or the later turns of a conversation raise it."),
  CONVERSATION_DURATION("conversation duration", "t_end(last turn) - t_send(first turn)", "per completed multi-turn conversation, think "
      + "times included; the mean over the conversations that opened in the level (`conversations.durationMeanSeconds`)."),
  CONVERSATION_TOKENS("conversation tokens", "sum over turns of (prompt_tokens + output_tokens)", "per completed conversation whose every "
      + "turn reported usage: what the server read and wrote for it, each turn's prompt being the whole history so far "
      + "(`conversations.totalTokensMean`)."),
  ATTAINMENT("SLO attainment", "good requests / measured requests", "a request is good when it succeeded and met every `llm.slo` latency "
      + "limit: its TTFT, TPOT and E2E each at most their limit and every one of its ITL gaps within the ITL limit (a one-token reply "
      + "has no TPOT or gap to exceed; a reply without content misses a TTFT or E2E limit). Errored and incomplete requests are "
      + "misses. Over the requests that started in the level's measured window (`slo.attainment`, 0 to 1)."),
  REQUEST_GOODPUT("request goodput", "good requests / window length", "the good requests' rate (`slo.requestGoodput`): vLLM's "
      + "`--goodput` counts the same requests, over the whole benchmark's duration."),
  TOKEN_GOODPUT("token goodput", "output tokens of the good requests / window length", "the output tokens/s of the good requests "
      + "alone (`slo.tokenGoodput`)."),
  SLO_MET("SLO met", "error rate <= maxErrorRate, and each limited metric's p-th percentile <= its limit (or attainment >= p / 100)",
      "whether the level meets the SLO (`slo.met`; `slo.missed` names each miss). Error rate = (errored + incomplete) / measured "
      + "requests, judged when `maxErrorRate` is set; p = `llm.slo.percentile`, over the level's successful requests as the tables "
      + "show them, or with `perRequest = true` the attainment instead. A level without a successful request never meets it."),
  HIGHEST_LOAD_WITHIN_SLO("highest load within SLO", "", "the level that met the SLO under the most load - the most users, or the "
      + "highest rate; by output tokens/s when the levels that met it are of different kinds or probe steps - with its output "
      + "tokens/s and cost (`slo.highestLoadWithinSlo` at the top of summary.json; null when no level met it)."),
  COST_PER_MILLION_TOKENS("cost per 1M tokens", "gpus x gpuHourlyUsd / 3600 / tokens per second x 1e6", "dollars per million output "
      + "tokens at the level's output tokens/s (`cost.perMillionOutputTokensUsd`), and per million tokens in all at its total tokens/s "
      + "(`cost.perMillionTotalTokensUsd`), from `llm.cost`: what the hardware costs an hour over what the level delivered."),
  OUTPUT_LENGTH("output length", "characters, words of the reply's text", "the reply's text is choice 0's content deltas joined "
      + "(reasoning and tool-call deltas left out); characters are Unicode code points, a word is a run between whitespace with "
      + "the punctuation at its ends taken off (one without a letter or digit is no word). Means over the successful measured "
      + "requests (`text.outputCharsMean`, `text.outputWordsMean`)."),
  VOCABULARY_DIVERSITY("vocabulary diversity", "mean over replies of distinct words / words", "per successful measured reply with a "
      + "word, its distinct words (case ignored) over its words, then the mean (`text.vocabularyDiversity`, 0 to 1): high for varied "
      + "text, low for a reply stuck repeating itself. It falls as replies grow longer: compare levels and runs of like output lengths.");

  private final String label;
  private final String formula;
  private final String meaning;

  MetricDefinition(String label, String formula, String meaning) {
    this.label = label;
    this.formula = formula;
    this.meaning = meaning;
  }

  /** The name people use, e.g. {@code TTFT}, {@code output tokens/s}. */
  public String label() {
    return label;
  }

  /** How it is computed, in the time stamps' names; empty for a count. */
  public String formula() {
    return formula;
  }

  /** What it says, backticks around code. */
  public String meaning() {
    return meaning;
  }
}
