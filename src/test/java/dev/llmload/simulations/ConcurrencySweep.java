package dev.llmload.simulations;

import dev.llmload.gatling.LlmSimulation;
import dev.llmload.workload.Workloads;

/**
 * The main job: a closed workload stepping through {@code llm.sweep.levels} (1..100 by default), each level held
 * for {@code llm.sweep.warmup + llm.sweep.levelDuration}. One request per virtual user, so Gatling keeps exactly
 * "level" requests in flight. Without {@code llm.target.baseUrl} it runs against the embedded simulated server.
 */
public class ConcurrencySweep extends LlmSimulation {

  public ConcurrencySweep() {
    super("ConcurrencySweep", Workloads::concurrencySweep);
  }
}
