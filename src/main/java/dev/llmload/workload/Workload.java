package dev.llmload.workload;

import java.util.Objects;

/**
 * What a simulation runs: its levels, how users arrive, and what each request asks. A workload is data; the
 * {@code gatling} package turns it into Gatling's injection, and the recorder attributes each request to a level
 * by the workload's rule. New workloads are new factory methods in {@link Workloads}, not edits of the run.
 */
public sealed interface Workload permits Workload.Closed, Workload.Open, Workload.RateSweep {

  /** Gatling's scenario name, e.g. {@code concurrency sweep}. */
  String scenario();

  LevelSchedule schedule();

  RequestSource requests();

  /**
   * Closed levels ({@link LevelKind#CONCURRENCY}, {@link LevelKind#STEP}): each keeps its users busy, one request
   * after another. Gatling changes the number of users at its one-second injection ticks, so each level lasts whole
   * seconds; a request belongs to the level of the injection batch in force when its user started. With
   * {@code maxRequests} the run starts no request after that many (0: no limit). With {@code conversations} each user
   * runs whole multi-turn conversations instead of single requests ({@code requests} is then their openings).
   */
  record Closed(String scenario, LevelSchedule schedule, RequestSource requests, long maxRequests,
      java.util.Optional<dev.llmload.workload.conversations.Conversations> conversations) implements Workload {

    /** Without a request count: the levels' times alone. */
    public Closed(String scenario, LevelSchedule schedule, RequestSource requests) {
      this(scenario, schedule, requests, 0);
    }

    /** Single requests, no conversations. */
    public Closed(String scenario, LevelSchedule schedule, RequestSource requests, long maxRequests) {
      this(scenario, schedule, requests, maxRequests, java.util.Optional.empty());
    }

    public Closed {
      if (maxRequests < 0) {
        throw new IllegalArgumentException("maxRequests must be zero (no limit) or positive, was " + maxRequests);
      }
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(requests, "requests");
      Objects.requireNonNull(conversations, "conversations");
      for (LoadLevel l : schedule.levels()) {
        if (!l.kind().closed()) {
          throw new IllegalArgumentException("a closed workload's levels keep users busy; level " + l.label() + " is a rate");
        }
        if (l.warmup().toMillis() % 1000 != 0 || l.measured().toMillis() % 1000 != 0 || l.warmup().toNanos() % 1_000_000 != 0) {
          throw new IllegalArgumentException("a closed level's warmup and measured time must be whole seconds (Gatling changes the "
              + "number of users once a second), level " + l.label() + " has " + l.warmup().toMillis() + " ms + " + l.measured().toMillis() + " ms");
        }
      }
    }
  }

  /**
   * A GuideLLM-style rate sweep: a closed synchronous phase (one user) and a closed throughput phase (many users),
   * then open levels at rates chosen from what those two measured ({@link RateSweepPlan}); the schedule grows by the
   * rates when the measuring ends.
   *
   * @param schedule the two measuring phases ({@link LevelKind#STEP} levels {@code synchronous} and {@code throughput})
   * @param steps how many rates to run between the two measured rates
   * @param rateWarmup warm-up of each rate level
   * @param rateDuration measured part of each rate level
   */
  record RateSweep(String scenario, LevelSchedule schedule, int steps, java.time.Duration rateWarmup, java.time.Duration rateDuration,
      Arrivals arrivals, int maxInFlight, RequestSource requests) implements Workload {
    public RateSweep {
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(arrivals, "arrivals");
      Objects.requireNonNull(requests, "requests");
      if (schedule.levels().size() != 2 || schedule.levels().stream().anyMatch(l -> !l.kind().closed())) {
        throw new IllegalArgumentException("a rate sweep measures with two closed levels, had " + schedule.levels());
      }
    }

    /** The rate levels after the measuring phases, for the measured synchronous and saturated rates; empty when none. */
    public java.util.List<LoadLevel> rateLevels(double synchronousPerSecond, double saturatedPerSecond) {
      java.util.List<LoadLevel> out = new java.util.ArrayList<>();
      for (double rate : RateSweepPlan.rates(synchronousPerSecond, saturatedPerSecond, steps)) {
        out.add(LoadLevel.rate(schedule.levels().size() + out.size(), rate, rateWarmup, rateDuration));
      }
      return out;
    }
  }

  /**
   * Open levels ({@link LevelKind#RATE}): requests start at the times {@code arrivals} draws, whatever the server
   * does; a request belongs to the level of its scheduled time.
   *
   * @param maxInFlight at most this many requests in flight (0: no limit); a request whose time came while the limit
   *     was reached waits for a slot, and the wait shows as send lag
   * @param maxRequests at most this many requests per level (0: no limit; the level then ends at its last arrival)
   */
  record Open(String scenario, LevelSchedule schedule, Arrivals arrivals, int maxInFlight, long maxRequests, RequestSource requests)
      implements Workload {
    public Open {
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(arrivals, "arrivals");
      Objects.requireNonNull(requests, "requests");
      for (LoadLevel l : schedule.levels()) {
        if (l.kind() != LevelKind.RATE) {
          throw new IllegalArgumentException("an open workload's levels are rates; level " + l.label() + " is " + l.kind().jsonName());
        }
      }
      if (maxInFlight < 0) {
        throw new IllegalArgumentException("maxInFlight must be zero (no limit) or positive, was " + maxInFlight);
      }
      if (maxRequests < 0) {
        throw new IllegalArgumentException("maxRequests must be zero (no limit) or positive, was " + maxRequests);
      }
    }
  }
}
