package dev.llmload.simulations;

import dev.llmload.gatling.LlmSimulation;
import dev.llmload.workload.Workloads;

/**
 * A closed workload at one concurrency: {@code llm.workload.concurrency} users, each sending its next request when the
 * last one ended, for {@code llm.workload.warmup + llm.workload.duration}. "What do N busy users see?"
 */
public class ConstantConcurrency extends LlmSimulation {

  public ConstantConcurrency() {
    super("ConstantConcurrency", Workloads::constantConcurrency);
  }
}
