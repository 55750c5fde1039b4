package dev.llmload.report;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a run's clock starts: every time in {@code requests.jsonl} is microseconds after this instant. Written to
 * {@code run.json} and {@code summary.json} so that server metrics scraped meanwhile, or the records of several
 * injectors, can be put on one timeline.
 *
 * @param anchor the instant in UTC, ISO-8601 with milliseconds (e.g. {@code 2026-12-01T11:22:48.123Z})
 * @param anchorEpochMillis the same instant in milliseconds since the epoch
 * @param anchoredAt {@link #INJECTION_START} (Gatling started injecting users: the start of the level schedule) or
 *     {@link #FIRST_SEND} (a simulation that did not anchor its population: the first request's send)
 */
public record RunClock(String anchor, long anchorEpochMillis, String anchoredAt) {

  public static final String INJECTION_START = "injection start";
  public static final String FIRST_SEND = "first send";

  public RunClock {
    Objects.requireNonNull(anchor, "anchor");
    if (!anchoredAt.equals(INJECTION_START) && !anchoredAt.equals(FIRST_SEND)) {
      throw new IllegalArgumentException("anchoredAt must be '" + INJECTION_START + "' or '" + FIRST_SEND + "', was '" + anchoredAt + "'");
    }
  }

  public static RunClock of(long epochMillis, boolean atInjectionStart) {
    return new RunClock(Instant.ofEpochMilli(epochMillis).toString(), epochMillis, atInjectionStart ? INJECTION_START : FIRST_SEND);
  }
}
