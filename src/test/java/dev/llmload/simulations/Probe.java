package dev.llmload.simulations;

import dev.llmload.gatling.LlmSimulation;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.workload.Workloads;

/**
 * A single-user probe: one request at a time for each prompt size of {@code llm.probe.steps} (small, medium, large),
 * each for {@code llm.probe.stepDuration}, printing every request as a probe shows it: input and output tokens, TTFT,
 * ITL, tokens/s, TPM, E2E. "How fast is one request with a small, a medium and a large prompt?"
 */
public class Probe extends LlmSimulation {

  public Probe() {
    super("Probe", Workloads::probe, run -> {
      ConsoleReporter console = ConsoleReporter.stdout();
      run.onRecord(r -> {
        if (!r.warmup()) {
          console.probeRequest(r.labels().getOrDefault("step", "?"), r);
        }
      });
    });
  }
}
