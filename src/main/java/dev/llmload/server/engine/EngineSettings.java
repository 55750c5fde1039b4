package dev.llmload.server.engine;

/**
 * The parameters of the continuous-batching model. One engine step costs
 * {@code decodeBaseMs + decodePerSeqMs * batch + prefillTokens / prefillTokensPerSecond} where {@code batch} is
 * the number of sequences in the step (decoding or prefilling) and {@code prefillTokens} the prompt tokens
 * prefilled in it (at most {@code prefillChunkTokens}).
 *
 * @param maxNumSeqs most sequences running at once (vLLM {@code --max-num-seqs}); the rest wait in FIFO order
 * @param kvCacheTokens KV-cache budget in tokens, prompt plus generated, over all running sequences
 * @param maxModelLen longest context (prompt plus output) one request may ask for; at most {@code kvCacheTokens}
 * @param decodeBaseMs fixed cost of one engine step, milliseconds
 * @param decodePerSeqMs extra cost per sequence in the step, milliseconds
 * @param prefillTokensPerSecond prefill speed, prompt tokens per second
 * @param prefillChunkTokens prompt tokens prefilled per step at most (chunked prefill)
 * @param preemption true: admit a sequence when its prompt fits and preempt the newest running sequence when a
 *     decode step would overflow the KV cache (vLLM's recompute preemption); false: reserve prompt plus the whole
 *     output at admission, so nothing is ever preempted
 */
public record EngineSettings(
    int maxNumSeqs,
    int kvCacheTokens,
    int maxModelLen,
    double decodeBaseMs,
    double decodePerSeqMs,
    double prefillTokensPerSecond,
    int prefillChunkTokens,
    boolean preemption) {

  public EngineSettings {
    requireAtLeast("maxNumSeqs", maxNumSeqs, 1);
    requireAtLeast("maxModelLen", maxModelLen, 2);
    if (kvCacheTokens < maxModelLen) {
      throw new IllegalArgumentException(
          "kvCacheTokens must be at least maxModelLen (" + maxModelLen + "), was " + kvCacheTokens);
    }
    requireNonNegative("decodeBaseMs", decodeBaseMs);
    requireNonNegative("decodePerSeqMs", decodePerSeqMs);
    if (decodeBaseMs + decodePerSeqMs <= 0) {
      throw new IllegalArgumentException(
          "decodeBaseMs + decodePerSeqMs must be positive (a step must take time), was "
              + (decodeBaseMs + decodePerSeqMs));
    }
    if (!(prefillTokensPerSecond > 0) || Double.isInfinite(prefillTokensPerSecond)) {
      throw new IllegalArgumentException(
          "prefillTokensPerSecond must be positive and finite, was " + prefillTokensPerSecond);
    }
    requireAtLeast("prefillChunkTokens", prefillChunkTokens, 1);
  }

  /** The duration of one step with {@code batch} sequences and {@code prefillTokens} prompt tokens, in nanos. */
  public long stepNanos(int batch, int prefillTokens) {
    double millis = decodeBaseMs + decodePerSeqMs * batch + prefillTokens * 1_000.0 / prefillTokensPerSecond;
    return Math.round(millis * 1_000_000.0);
  }

  public EngineSettings withMaxNumSeqs(int value) {
    return new EngineSettings(value, kvCacheTokens, maxModelLen, decodeBaseMs, decodePerSeqMs,
        prefillTokensPerSecond, prefillChunkTokens, preemption);
  }

  /** Also lowers {@code maxModelLen} to the new budget when it would exceed it. */
  public EngineSettings withKvCacheTokens(int value) {
    return new EngineSettings(maxNumSeqs, value, Math.min(maxModelLen, value), decodeBaseMs, decodePerSeqMs,
        prefillTokensPerSecond, prefillChunkTokens, preemption);
  }

  public EngineSettings withMaxModelLen(int value) {
    return new EngineSettings(maxNumSeqs, kvCacheTokens, value, decodeBaseMs, decodePerSeqMs,
        prefillTokensPerSecond, prefillChunkTokens, preemption);
  }

  /** The step cost: {@code decodeBaseMs + decodePerSeqMs * batch}. */
  public EngineSettings withDecodeMs(double baseMs, double perSeqMs) {
    return new EngineSettings(maxNumSeqs, kvCacheTokens, maxModelLen, baseMs, perSeqMs,
        prefillTokensPerSecond, prefillChunkTokens, preemption);
  }

  public EngineSettings withPrefill(double tokensPerSecond, int chunkTokens) {
    return new EngineSettings(maxNumSeqs, kvCacheTokens, maxModelLen, decodeBaseMs, decodePerSeqMs,
        tokensPerSecond, chunkTokens, preemption);
  }

  public EngineSettings withPreemption(boolean value) {
    return new EngineSettings(maxNumSeqs, kvCacheTokens, maxModelLen, decodeBaseMs, decodePerSeqMs,
        prefillTokensPerSecond, prefillChunkTokens, value);
  }

  private static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be zero or positive and finite, was " + value);
    }
  }
}
