package dev.llmload.config;

/**
 * What the serving hardware costs ({@code llm.cost}), to put a price on the tokens each level delivered: {@code gpus x
 * gpuHourlyUsd} dollars an hour, whatever the load. README "SLOs, goodput and cost" states the formulas.
 *
 * @param gpuHourlyUsd dollars per GPU per hour (e.g. an on-demand cloud price); null: no cost is computed
 * @param gpus GPUs serving the model (all replicas together); null: 1 for the price, and no per-GPU figures
 */
public record CostSettings(Double gpuHourlyUsd, Double gpus) {

  /** No cost: nothing is priced. */
  public static final CostSettings NONE = new CostSettings(null, null);

  public CostSettings {
    if (gpuHourlyUsd != null && !(gpuHourlyUsd > 0)) {
      throw ConfigException.invalid("llm.cost.gpuHourlyUsd", gpuHourlyUsd, "must be a positive number of dollars such as 2.49; null: no cost");
    }
    if (gpus != null && !(gpus > 0)) {
      throw ConfigException.invalid("llm.cost.gpus", gpus, "must be a positive number of GPUs such as 8 (0.5: half of a shared GPU)");
    }
  }

  /** True when a price is set: levels get a cost. */
  public boolean priced() {
    return gpuHourlyUsd != null;
  }

  /** True when anything is set (the summary then carries these settings). */
  public boolean defined() {
    return gpuHourlyUsd != null || gpus != null;
  }

  /** The GPUs the price is for: {@code gpus}, 1 when unset. */
  public double gpuCount() {
    return gpus == null ? 1 : gpus;
  }
}
