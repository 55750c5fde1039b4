package dev.llmload.compare;

import java.util.Objects;

/**
 * The numbers of one level of a compared run, as its {@code summary.json} gives them; a value the run did not
 * produce (no successful request, no cost set) is null, never 0.
 *
 * @param index the level's position in its run, from 0
 * @param label the level's label ({@code c=16}, {@code 5/s}, a probe step's name)
 * @param kind {@code concurrency}, {@code rate} or {@code step}
 * @param load the users kept busy (closed kinds) or the requests started per second (rate); null when not given
 * @param costPerMillionOutputTokensUsd {@code cost.perMillionOutputTokensUsd}; null when the run set no cost
 */
public record ComparedLevel(
    int index,
    String label,
    String kind,
    Double load,
    double outputTokensPerSecond,
    double totalTokensPerSecond,
    double requestsPerSecond,
    Double ttftP50Ms,
    Double ttftP99Ms,
    Double itlP50Ms,
    Double e2eP99Ms,
    long successful,
    long errored,
    long incomplete,
    Double costPerMillionOutputTokensUsd) {

  public ComparedLevel {
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, was " + index);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(kind, "kind");
  }
}
