package dev.llmload.telemetry;

import java.util.Map;
import java.util.Objects;

/**
 * One sample of the Prometheus text format: a metric name (colons allowed, as in {@code vllm:num_requests_running}),
 * its labels (unescaped values, in the order written) and its value ({@code NaN} and infinities allowed).
 */
public record PromSample(String name, Map<String, String> labels, double value) {

  public PromSample {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
  }

  /** The value of this label, or {@code null} when the sample does not carry it. */
  public String label(String labelName) {
    return labels.get(labelName);
  }
}
