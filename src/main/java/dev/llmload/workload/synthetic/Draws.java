package dev.llmload.workload.synthetic;

import java.util.SplittableRandom;

/**
 * The random numbers of the {@code n}-th request: a generator of its own per request and purpose (input length and
 * words, output length), from {@code llm.workload.seed}, so the same seed gives every request the same draws whatever
 * the order threads take them in.
 */
final class Draws {

  /** Purposes, so the input and output draws of one request are independent. */
  static final long INPUT = 1;
  static final long OUTPUT = 2;
  static final long SAMPLES = 3;

  private Draws() {}

  static SplittableRandom random(long seed, long purpose, long n) {
    return new SplittableRandom(mix(mix(seed ^ purpose * 0x632BE59BD9B4E019L) + n));
  }

  /** A 64-bit finaliser: nearby inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
