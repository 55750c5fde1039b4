package dev.llmload.metrics;

/**
 * Builds {@link RequestRecord}s for tests: a successful, non-warmup request of level 0 with no usage unless told
 * otherwise. Times are microseconds since the start of the run.
 */
public final class Records {

  private String requestId = "r";
  private int level;
  private boolean warmup;
  private int inFlightAtSend = 1;
  private long sendMicros;
  private long resendMicros = -1;
  private long scheduledMicros = -1;
  private java.util.Map<String, String> labels = java.util.Map.of();
  private int requestedInputTokens = -1;
  private int requestedOutputTokens = -1;
  private long headersMicros = -1;
  private long[] chunkMicros = new long[0];
  private long endMicros = -1;
  private Outcome outcome = Outcome.SUCCESSFUL;
  private String errorKind;
  private String errorMessage;
  private int promptTokens = -1;
  private int completionTokens = -1;
  private String finishReason = "length";
  private int httpStatus = 200;
  private int malformedChunks;
  private String malformedSample;
  private String endpoint = "http://127.0.0.1:8000/v1";
  private int cachedPromptTokens = -1;
  private int outputChars = -1;
  private int outputWords = -1;
  private int outputDistinctWords = -1;

  private Records() {}

  public static Records successful() {
    return new Records();
  }

  public static Records errored(String kind, String message) {
    Records r = new Records();
    r.outcome = Outcome.ERRORED;
    r.errorKind = kind;
    r.errorMessage = message;
    r.finishReason = null;
    return r;
  }

  public static Records incomplete(String kind, String message) {
    Records r = errored(kind, message);
    r.outcome = Outcome.INCOMPLETE;
    return r;
  }

  public Records id(String id) {
    this.requestId = id;
    return this;
  }

  public Records level(int level) {
    this.level = level;
    return this;
  }

  public Records warmup() {
    this.warmup = true;
    return this;
  }

  public Records inFlight(int n) {
    this.inFlightAtSend = n;
    return this;
  }

  public Records send(long micros) {
    this.sendMicros = micros;
    return this;
  }

  public Records chunks(long... micros) {
    this.chunkMicros = micros;
    return this;
  }

  public Records end(long micros) {
    this.endMicros = micros;
    return this;
  }

  /** Sent a second time, on a fresh connection, at {@code micros} (a keep-alive race). */
  public Records resent(long micros) {
    this.resendMicros = micros;
    return this;
  }

  /** An open workload's request, meant to be sent at {@code micros}. */
  public Records scheduled(long micros) {
    this.scheduledMicros = micros;
    return this;
  }

  public Records labels(java.util.Map<String, String> labels) {
    this.labels = labels;
    return this;
  }

  public Records headers(long micros) {
    this.headersMicros = micros;
    return this;
  }

  public Records usage(int prompt, int completion) {
    this.promptTokens = prompt;
    this.completionTokens = completion;
    return this;
  }

  /** The lengths the request asked for (-1: none). */
  public Records requested(int inputTokens, int outputTokens) {
    this.requestedInputTokens = inputTokens;
    this.requestedOutputTokens = outputTokens;
    return this;
  }

  public Records status(int httpStatus) {
    this.httpStatus = httpStatus;
    return this;
  }

  /** The server said {@code tokens} of the prompt came from its prefix cache. */
  public Records cached(int tokens) {
    this.cachedPromptTokens = tokens;
    return this;
  }

  public Records malformed(int count, String sample) {
    this.malformedChunks = count;
    this.malformedSample = sample;
    return this;
  }

  /** Sent to the replica at {@code baseUrl}. */
  public Records endpoint(String baseUrl) {
    this.endpoint = baseUrl;
    return this;
  }

  /** The reply's text counted: {@code chars} characters, {@code words} words, {@code distinct} of them different. */
  public Records text(int chars, int words, int distinct) {
    this.outputChars = chars;
    this.outputWords = words;
    this.outputDistinctWords = distinct;
    return this;
  }

  public RequestRecord build() {
    long end = endMicros >= 0 ? endMicros : chunkMicros.length > 0 ? chunkMicros[chunkMicros.length - 1] : sendMicros;
    return new RequestRecord(requestId, level, warmup, inFlightAtSend, scheduledMicros, sendMicros, resendMicros < 0 ? 0 : 1, resendMicros,
        headersMicros, chunkMicros, end, outcome, errorKind,
        errorMessage, promptTokens, completionTokens, finishReason, httpStatus, malformedChunks, malformedSample,
        endpoint, labels, cachedPromptTokens, requestedInputTokens, requestedOutputTokens, outputChars, outputWords, outputDistinctWords);
  }
}
