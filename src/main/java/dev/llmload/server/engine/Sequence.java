package dev.llmload.server.engine;

/**
 * One request inside the engine: its prompt and output lengths, fixed up front, and the progress that only the
 * engine thread touches. Output length is decided by the caller (the engine does not know about EOS). The prompt's
 * {@link PrefixCache#blockHashes block hashes}, when given, let the engine skip the prefill of a cached prefix.
 */
public final class Sequence {

  /** Where a sequence is in the engine. */
  public enum State {
    NEW,
    WAITING,
    RUNNING,
    FINISHED,
    CANCELLED
  }

  private final int promptTokens;
  private final int outputTokens;
  private final long[] promptBlockHashes;
  private final TokenSink sink;

  // Engine-thread state.
  private State state = State.NEW;
  private int prefillTargetTokens;
  private int computedTokens;
  private int generatedTokens;
  private int reservedKvTokens;
  private int preemptions;
  // Written once by the engine thread at the first admission, before the first token is handed to the sink.
  private int cachedPromptTokens;
  // Written by the submitting thread before the sequence is handed to the engine thread (a safe publication).
  private long queuedNanos;

  /** A sequence whose prompt never hits the prefix cache. */
  public Sequence(int promptTokens, int outputTokens, TokenSink sink) {
    this(promptTokens, outputTokens, new long[0], sink);
  }

  /**
   * @param promptTokens prompt length in tokens, at least 1
   * @param outputTokens tokens to generate, at least 1
   * @param promptBlockHashes {@link PrefixCache#blockHashes} of the prompt at the engine's block size; empty: the
   *     prompt is neither looked up nor cached
   * @param sink where the tokens go
   */
  public Sequence(int promptTokens, int outputTokens, long[] promptBlockHashes, TokenSink sink) {
    if (promptTokens < 1) {
      throw new IllegalArgumentException("promptTokens must be at least 1, was " + promptTokens);
    }
    if (outputTokens < 1) {
      throw new IllegalArgumentException("outputTokens must be at least 1, was " + outputTokens);
    }
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
    this.promptBlockHashes = promptBlockHashes.clone();
    this.sink = sink;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public int outputTokens() {
    return outputTokens;
  }

  public TokenSink sink() {
    return sink;
  }

  public State state() {
    return state;
  }

  public int generatedTokens() {
    return generatedTokens;
  }

  /** Tokens whose KV entries are computed (prefilled prompt, then one per decode step). */
  public int computedTokens() {
    return computedTokens;
  }

  public int preemptions() {
    return preemptions;
  }

  /**
   * Prompt tokens found in the prefix cache at the first admission, whose prefill was skipped; 0 before it. Safe to
   * read from the sink's executor once a token has arrived.
   */
  public int cachedPromptTokens() {
    return cachedPromptTokens;
  }

  long[] promptBlockHashes() {
    return promptBlockHashes;
  }

  /** Tokens to compute at (re-)admission: the prompt, plus what was generated before a preemption. */
  int prefillTargetAtAdmission() {
    return promptTokens + generatedTokens;
  }

  boolean prefillDone() {
    return computedTokens >= prefillTargetTokens;
  }

  int remainingPrefillTokens() {
    return prefillTargetTokens - computedTokens;
  }

  int reservedKvTokens() {
    return reservedKvTokens;
  }

  /** KV tokens this sequence needs to be admitted now. */
  int admissionKvTokens(boolean preemption) {
    return preemption ? promptTokens + generatedTokens : promptTokens + outputTokens;
  }

  void markWaiting() {
    state = State.WAITING;
  }

  /**
   * Starts running.
   *
   * @param cachedTokens leading tokens whose KV entries the prefix cache holds: not prefilled again
   */
  void admit(boolean preemption, int cachedTokens) {
    // After a preemption the prompt and everything generated so far are recomputed (less what is cached).
    prefillTargetTokens = prefillTargetAtAdmission();
    if (cachedTokens < 0 || cachedTokens >= prefillTargetTokens) {
      throw new IllegalArgumentException("cachedTokens must be between 0 and " + (prefillTargetTokens - 1)
          + " (the last token is always computed), was " + cachedTokens);
    }
    if (preemptions == 0) {
      cachedPromptTokens = cachedTokens;
    }
    state = State.RUNNING;
    computedTokens = cachedTokens;
    reservedKvTokens = admissionKvTokens(preemption);
  }

  /** Adds prefilled tokens; returns true when the prefill completed, which samples the next token. */
  boolean prefill(int tokens) {
    computedTokens += tokens;
    if (prefillDone()) {
      generatedTokens++;
      return true;
    }
    return false;
  }

  /** One decode step: the last token's KV entry is computed and one token sampled; returns added KV tokens. */
  int decode(boolean preemption) {
    computedTokens++;
    generatedTokens++;
    if (preemption) {
      reservedKvTokens++;
      return 1;
    }
    return 0;
  }

  void preempt() {
    state = State.WAITING;
    computedTokens = 0;
    reservedKvTokens = 0;
    preemptions++;
  }

  boolean isDone() {
    return generatedTokens >= outputTokens;
  }

  void finish() {
    state = State.FINISHED;
    reservedKvTokens = 0;
  }

  void cancel() {
    state = State.CANCELLED;
    reservedKvTokens = 0;
  }

  @Override
  public String toString() {
    return "Sequence[prompt=" + promptTokens + ", output=" + outputTokens + ", generated=" + generatedTokens
        + ", state=" + state + "]";
  }

  /** {@code System.nanoTime()} when the sequence was submitted to the engine loop; 0 before (or without a loop). */
  public long queuedNanos() {
    return queuedNanos;
  }

  void queuedAt(long nanos) {
    this.queuedNanos = nanos;
  }
}
