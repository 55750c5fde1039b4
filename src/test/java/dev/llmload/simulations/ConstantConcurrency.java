package dev.llmload.simulations;

import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.workload.Workloads;
import io.gatling.javaapi.core.Simulation;

/**
 * A closed workload at one concurrency: {@code llm.workload.concurrency} users, each sending its next request when the
 * last one ended, for {@code llm.workload.warmup + llm.workload.duration}. "What do N busy users see?"
 */
public class ConstantConcurrency extends Simulation {

  private final LlmRun run = Launch.prepare("ConstantConcurrency", Workloads::constantConcurrency);

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
