package dev.llmload.server.engine;

/**
 * One request inside the engine: its prompt and output lengths, fixed up front, and the progress that only the
 * engine thread touches. Output length is decided by the caller (the engine does not know about EOS).
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
  private final TokenSink sink;

  // Engine-thread state.
  private State state = State.NEW;
  private int prefillTargetTokens;
  private int computedTokens;
  private int generatedTokens;
  private int reservedKvTokens;
  private int preemptions;

  /**
   * @param promptTokens prompt length in tokens, at least 1
   * @param outputTokens tokens to generate, at least 1
   * @param sink where the tokens go
   */
  public Sequence(int promptTokens, int outputTokens, TokenSink sink) {
    if (promptTokens < 1) {
      throw new IllegalArgumentException("promptTokens must be at least 1, was " + promptTokens);
    }
    if (outputTokens < 1) {
      throw new IllegalArgumentException("outputTokens must be at least 1, was " + outputTokens);
    }
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
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

  void admit(boolean preemption) {
    state = State.RUNNING;
    // After a preemption the prompt and everything generated so far are recomputed.
    prefillTargetTokens = promptTokens + generatedTokens;
    computedTokens = 0;
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
}
