package dev.llmload.workload;

/** What a level's {@link LoadLevel#value()} means. */
public enum LevelKind {
  /** Closed workload: this many requests in flight. */
  CONCURRENCY,
  /** Open workload: this many requests started per second. */
  RATE
}
