package dev.llmload.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One row of the side-by-side table and one point of the overlaid curves: a load, and where each run has it.
 *
 * @param label how the row is named ({@code c=16}, {@code 5/s}, a step's name)
 * @param load the load when levels are matched by load, null when they are matched by label
 * @param levels per compared run (in the comparison's order) the index of its level here, null where it has none
 */
public record AlignedLevel(String label, Double load, List<Integer> levels) {

  public AlignedLevel {
    Objects.requireNonNull(label, "label");
    levels = Collections.unmodifiableList(new ArrayList<>(levels)); // nulls kept: a run without this level
  }
}
