package dev.llmload.server.faults;

import java.util.Optional;

/**
 * When and how to inject one fault. Rules are tried in order; the first whose model matches and whose probability
 * roll succeeds applies (at most one fault per request). The roll is a deterministic function of the server seed,
 * the request id and its attempt number, so a run with the same ids injects the same faults.
 *
 * <p>A fault can also be asked for per request without configuration, with the model name
 * {@code fault/<spec>} or the header {@code X-Sim-Fault: <spec>}, where {@code <spec>} is
 * {@code <kind>[/after=<tokens>][/stallMs=<millis>][/p=<probability>]}, e.g. {@code fault/cut/after=5}.
 *
 * @param model the served model name it applies to; empty: every model
 * @param kind the fault
 * @param probability chance per request, 0 to 1
 * @param afterTokens mid-stream faults: content tokens written before the fault fires
 * @param stallMillis stall faults: how long nothing is written
 */
public record FaultRule(Optional<String> model, FaultKind kind, double probability, int afterTokens,
    long stallMillis) {

  /** Spec prefix of a model name that asks for a fault. */
  public static final String MODEL_PREFIX = "fault/";
  public static final int DEFAULT_AFTER_TOKENS = 5;
  public static final long DEFAULT_STALL_MILLIS = 2_000;

  public FaultRule {
    if (model == null || model.isPresent() && model.get().isBlank()) {
      throw new IllegalArgumentException("fault rule model must be a name or empty, was " + model);
    }
    if (kind == null) {
      throw new IllegalArgumentException("fault rule kind must be set, was null");
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("fault probability must be between 0 and 1, was " + probability);
    }
    if (afterTokens < 0) {
      throw new IllegalArgumentException("fault afterTokens must be zero or positive, was " + afterTokens);
    }
    if (stallMillis < 0) {
      throw new IllegalArgumentException("fault stallMs must be zero or positive, was " + stallMillis);
    }
  }

  /** The fault on every request to every model, with the default parameters. */
  public static FaultRule always(FaultKind kind) {
    return new FaultRule(Optional.empty(), kind, 1.0, DEFAULT_AFTER_TOKENS, DEFAULT_STALL_MILLIS);
  }

  /** The fault on every request to {@code model}, which the server then also serves. */
  public static FaultRule forModel(String model, FaultKind kind) {
    return new FaultRule(Optional.of(model), kind, 1.0, DEFAULT_AFTER_TOKENS, DEFAULT_STALL_MILLIS);
  }

  /** The same fault, for {@code value} only. */
  public FaultRule withModel(String value) {
    return new FaultRule(Optional.of(value), kind, probability, afterTokens, stallMillis);
  }

  public FaultRule withProbability(double value) {
    return new FaultRule(model, kind, value, afterTokens, stallMillis);
  }

  public FaultRule withAfterTokens(int value) {
    return new FaultRule(model, kind, probability, value, stallMillis);
  }

  public FaultRule withStallMillis(long value) {
    return new FaultRule(model, kind, probability, afterTokens, value);
  }

  public boolean appliesTo(String requestedModel) {
    return model.isEmpty() || model.get().equals(requestedModel);
  }

  /** This rule as a spec, e.g. {@code cut/after=5/stallMs=2000/p=1.0}. */
  public String toSpec() {
    return kind.configName() + "/after=" + afterTokens + "/stallMs=" + stallMillis + "/p=" + probability;
  }

  /** The rule a model name asks for, if it starts with {@value #MODEL_PREFIX}; fails on a bad spec. */
  public static Optional<FaultRule> fromModelName(String modelName) {
    if (!modelName.startsWith(MODEL_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(parseSpec(modelName.substring(MODEL_PREFIX.length())));
  }

  /**
   * Parses {@code <kind>[/after=<tokens>][/stallMs=<millis>][/p=<probability>]} into a rule for any model.
   *
   * @throws IllegalArgumentException naming the bad part and the expected form
   */
  public static FaultRule parseSpec(String spec) {
    String[] parts = spec.trim().split("/");
    FaultRule rule = always(FaultKind.fromConfigName(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      try {
        rule = switch (key) {
          case "after" -> rule.withAfterTokens(Integer.parseInt(value));
          case "stallMs" -> rule.withStallMillis(Long.parseLong(value));
          case "p" -> rule.withProbability(Double.parseDouble(value));
          default -> throw new IllegalArgumentException("unknown parameter '" + key + "'");
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("fault spec parameter '" + part + "' needs a number, in '" + spec
            + "'; expected <kind>[/after=<tokens>][/stallMs=<millis>][/p=<probability>]", e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad fault spec '" + spec + "': " + e.getMessage()
            + "; expected <kind>[/after=<tokens>][/stallMs=<millis>][/p=<probability>]", e);
      }
    }
    return rule;
  }
}
