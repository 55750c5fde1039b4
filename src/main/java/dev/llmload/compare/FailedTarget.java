package dev.llmload.compare;

import java.util.Objects;

/** A target of the targets command that produced no run to compare, and the one sentence saying why. */
public record FailedTarget(String name, String reason) {

  public FailedTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }
}
