package dev.llmload.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One endpoint's share of a run spread over several base URLs (replicas), as written to {@code summary.json}
 * ({@code endpoints}): per level, the same {@link LevelSummary} the run's levels have, computed the same way over the
 * requests that went to this endpoint only. Throughput counts what this endpoint delivered in the level's measured
 * window, so the endpoints' tokens/s add up to the level's; {@code inFlightMean} is the run's (every endpoint's)
 * requests in flight when each of this endpoint's requests was sent.
 *
 * @param endpoint the base URL
 * @param levels one per level of the run's {@code levels}, same index and label, in the same order
 */
public record EndpointSummary(String endpoint, List<LevelSummary> levels) {

  public EndpointSummary {
    Objects.requireNonNull(endpoint, "endpoint");
    levels = List.copyOf(levels);
  }
}
