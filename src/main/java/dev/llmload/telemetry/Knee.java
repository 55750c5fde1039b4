package dev.llmload.telemetry;

/**
 * Why the run's curve bends where it does ({@code telemetry.knee} of {@code summary.json}).
 *
 * @param bottleneck what saturated first
 * @param fromLevel the label of the first level where it did; null for {@link Bottleneck#NONE} and {@link
 *     Bottleneck#UNKNOWN}
 * @param clientBoundFrom the label of the first level where the load generator was the bottleneck, null when it
 *     never was (also set when the server saturated first)
 * @param sentence one sentence for the reader, naming what saturated and from which level, with the numbers
 */
public record Knee(Bottleneck bottleneck, String fromLevel, String clientBoundFrom, String sentence) {

  public Knee {
    java.util.Objects.requireNonNull(bottleneck, "bottleneck");
    java.util.Objects.requireNonNull(sentence, "sentence");
  }
}
