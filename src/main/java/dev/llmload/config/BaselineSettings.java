package dev.llmload.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run is held against ({@code llm.baseline}): a previous run's {@code summary.json} and how far each
 * metric may move from it. README "Nightly runs" documents the keys.
 *
 * @param file the baseline: a {@code summary.json} or a run folder holding one, resolved and known to exist when
 *     loaded; null: no baseline, nothing is compared
 * @param tolerances per metric, the allowed move in the bad direction; metrics without one are not compared
 */
public record BaselineSettings(Path file, List<Tolerance> tolerances) {

  /** No baseline. */
  public static final BaselineSettings NONE = new BaselineSettings(null, List.of());

  public BaselineSettings {
    tolerances = List.copyOf(tolerances);
  }

  /** True when a baseline is set. */
  public boolean defined() {
    return file != null;
  }
}
