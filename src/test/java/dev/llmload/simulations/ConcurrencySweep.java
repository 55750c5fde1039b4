package dev.llmload.simulations;

import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.workload.Workloads;
import io.gatling.javaapi.core.Simulation;

/**
 * The main job: a closed workload stepping through {@code llm.sweep.levels} (1..100 by default), each level held
 * for {@code llm.sweep.warmup + llm.sweep.levelDuration}. One request per virtual user, so Gatling keeps exactly
 * "level" requests in flight. Without {@code llm.target.baseUrl} it runs against the embedded simulated server.
 */
public class ConcurrencySweep extends Simulation {

  private final LlmRun run = Launch.prepare("ConcurrencySweep", Workloads::concurrencySweep);

  {
    setUp(run.population());
  }

  @Override
  public void before() {
    Launch.start(run);
  }

  @Override
  public void after() {
    run.finish();
  }
}
