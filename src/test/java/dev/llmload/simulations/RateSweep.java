package dev.llmload.simulations;

import dev.llmload.gatling.LlmSimulation;
import dev.llmload.workload.Workloads;

/**
 * A GuideLLM-style rate sweep: the synchronous rate (one request at a time) and the saturated rate
 * ({@code llm.rateSweep.throughputConcurrency} users) are measured first, then {@code llm.rateSweep.steps} open levels
 * run at rates evenly between them - or the rates of {@code llm.rateSweep.rates}. "What rate can the server take
 * before it falls over?"
 */
public class RateSweep extends LlmSimulation {

  public RateSweep() {
    super("RateSweep", Workloads::rateSweep);
  }
}
