package dev.llmload.server.engine;

import java.util.List;

/**
 * What one engine step did; its tokens are delivered when {@code durationNanos} have passed.
 *
 * @param durationNanos the step time from {@link EngineSettings#stepNanos}
 * @param batchSize sequences that did work in the step (decoding or prefilling)
 * @param prefillTokens prompt tokens prefilled (including recomputation after a preemption)
 * @param decodeSequences sequences that decoded one token
 * @param admitted sequences moved from waiting to running
 * @param preempted sequences moved from running back to the head of the queue
 * @param emissions one entry per sequence that produced a token, in running order
 */
public record Step(
    long durationNanos,
    int batchSize,
    int prefillTokens,
    int decodeSequences,
    int admitted,
    int preempted,
    List<Emission> emissions) {

  public Step {
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("durationNanos must be positive, was " + durationNanos);
    }
    emissions = List.copyOf(emissions);
  }
}
