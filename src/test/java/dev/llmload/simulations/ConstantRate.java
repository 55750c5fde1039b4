package dev.llmload.simulations;

import dev.llmload.gatling.LlmSimulation;
import dev.llmload.workload.Workloads;

/**
 * An open workload: {@code llm.workload.rate} requests started per second (Poisson arrivals by default), whatever the
 * server does, for {@code llm.workload.warmup + llm.workload.duration} or {@code llm.workload.requests}. "What latency
 * do my users see at R requests per second arriving at random?" Each request keeps its scheduled time, so a client that
 * falls behind shows as send lag instead of hiding the server's queueing.
 */
public class ConstantRate extends LlmSimulation {

  public ConstantRate() {
    super("ConstantRate", Workloads::constantRate);
  }
}
