package dev.llmload.workload;

import java.util.Locale;

/** What a level's {@link LoadLevel#value()} means, and so how it is injected and drawn. */
public enum LevelKind {
  /** Closed workload: this many requests in flight (a user sends its next request when the last one ended). */
  CONCURRENCY,
  /** Open workload: this many requests started per second, whatever the server does. */
  RATE,
  /** A named step of a probe (e.g. the prompt size {@code large}): this many requests in flight, one at a time by default. */
  STEP;

  /** True when the level keeps a number of users busy ({@link #CONCURRENCY}, {@link #STEP}). */
  public boolean closed() {
    return this != RATE;
  }

  /** {@code concurrency}, {@code rate} or {@code step}: the name in summary.json, the CSV and the report. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
