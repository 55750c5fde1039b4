package dev.llmload.server.faults;

import dev.llmload.server.text.Seeds;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the fault, if any, for one request: a fault the request asked for itself ({@code fault/...} model name or
 * {@code X-Sim-Fault} header) is the only candidate; otherwise the configured rules in order, first match wins.
 * Probabilities are rolled with a hash of (seed, request id, attempt, rule index): deterministic per request.
 *
 * <p>A {@code stale-connection} rule is a candidate only for a request arriving on a connection that has already
 * served one; elsewhere it is skipped (the next rule may apply). Its roll also hashes how many times this request id
 * was already dropped by it, since a dropped request is never processed and so keeps its attempt number: a re-send
 * rolls afresh instead of being dropped again for sure.
 */
public record FaultPicker(List<FaultRule> rules, long seed) {

  /**
   * What the server knows of a request's connection when it picks a fault.
   *
   * @param reusedConnection the connection has already served at least one request
   * @param staleDrops times a {@code stale-connection} fault already dropped a request with this id
   */
  public record Arrival(boolean reusedConnection, int staleDrops) {

    /** The first request of a fresh connection. */
    public static final Arrival FRESH = new Arrival(false, 0);

    public Arrival {
      if (staleDrops < 0) {
        throw new IllegalArgumentException("staleDrops must be zero or positive, was " + staleDrops);
      }
    }
  }

  public FaultPicker {
    rules = List.copyOf(rules);
  }

  public Optional<FaultRule> pick(String model, Optional<FaultRule> requested, String requestId, int attempt,
      Arrival arrival) {
    long base = Seeds.mix(seed ^ Seeds.of(requestId), attempt);
    if (requested.isPresent()) {
      return candidate(requested.get(), arrival) && roll(requested.get(), base, -1, arrival)
          ? requested
          : Optional.empty();
    }
    for (int i = 0; i < rules.size(); i++) {
      FaultRule rule = rules.get(i);
      if (rule.appliesTo(model) && candidate(rule, arrival) && roll(rule, base, i, arrival)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private static boolean candidate(FaultRule rule, Arrival arrival) {
    return arrival.reusedConnection() || !rule.kind().needsReusedConnection();
  }

  private static boolean roll(FaultRule rule, long base, int index, Arrival arrival) {
    if (rule.probability() >= 1.0) {
      return true;
    }
    long seedOfRule = rule.kind().needsReusedConnection() ? Seeds.mix(base, -2L - arrival.staleDrops()) : base;
    return Seeds.unit(Seeds.mix(seedOfRule, index)) < rule.probability();
  }
}
