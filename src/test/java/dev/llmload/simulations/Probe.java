package dev.llmload.simulations;

import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.workload.Workloads;
import io.gatling.javaapi.core.Simulation;

/**
 * A single-user probe: one request at a time for each prompt size of {@code llm.probe.steps} (small, medium, large),
 * each for {@code llm.probe.stepDuration}, printing every request as a probe shows it: input and output tokens, TTFT,
 * ITL, tokens/s, TPM, E2E. "How fast is one request with a small, a medium and a large prompt?"
 */
public class Probe extends Simulation {

  private final LlmRun run = Launch.prepare("Probe", Workloads::probe);
  private final ConsoleReporter console = ConsoleReporter.stdout();

  {
    run.onRecord(r -> {
      if (!r.warmup()) {
        console.probeRequest(r.labels().getOrDefault("step", "?"), r);
      }
    });
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
