package dev.llmload.server;

import java.util.List;
import java.util.Optional;

/**
 * Chooses the fault, if any, for one request: a fault the request asked for itself ({@code fault/...} model name or
 * {@code X-Sim-Fault} header) is the only candidate; otherwise the configured rules in order, first match wins.
 * Probabilities are rolled with a hash of (seed, request id, attempt, rule index): deterministic per request.
 */
record FaultPicker(List<FaultRule> rules, long seed) {

  FaultPicker {
    rules = List.copyOf(rules);
  }

  Optional<FaultRule> pick(String model, Optional<FaultRule> requested, String requestId, int attempt) {
    long base = Seeds.mix(seed ^ Seeds.of(requestId), attempt);
    if (requested.isPresent()) {
      return roll(requested.get(), base, -1) ? requested : Optional.empty();
    }
    for (int i = 0; i < rules.size(); i++) {
      FaultRule rule = rules.get(i);
      if (rule.appliesTo(model) && roll(rule, base, i)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private static boolean roll(FaultRule rule, long base, int index) {
    return rule.probability() >= 1.0 || Seeds.unit(Seeds.mix(base, index)) < rule.probability();
  }
}
