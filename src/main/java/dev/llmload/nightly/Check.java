package dev.llmload.nightly;

import java.util.Objects;

/**
 * One pass/fail verdict on a finished run, as a nightly job needs it: a gate ({@code llm.gates}) or one metric held
 * against the baseline. Every check becomes one test case of the run's JUnit XML, and one failed check fails the run's
 * exit status.
 *
 * @param suite what kind of check ({@code gates}, {@code baseline}): the JUnit test suite it belongs to
 * @param name what was checked, readable on its own, e.g. {@code TTFT p95 at c=32 <= 800 ms}
 * @param passed whether the run met it
 * @param detail the measured value against the limit, e.g. {@code measured 612.3 ms, limit 800 ms}; or why it could
 *     not be measured (a missing level or metric fails the check)
 */
public record Check(String suite, String name, boolean passed, String detail) {
  public Check {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }
}
