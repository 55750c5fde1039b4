package dev.llmload.gatling;

import dev.llmload.config.LlmSettings;
import dev.llmload.workload.Workload;
import io.gatling.javaapi.core.Simulation;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A simulation that runs one workload: the settings loaded and the workload built when Gatling makes the simulation,
 * the target checked before any load ({@code before()}), the reports written and the gates judged after the last user
 * ({@code after()}).
 * A shipped simulation is one constructor: {@code super("ConstantRate", Workloads::constantRate)}.
 */
public abstract class LlmSimulation extends Simulation {

  private final LlmRun run;

  protected LlmSimulation(String name, Function<LlmSettings, Workload> workload) {
    this(name, workload, run -> {});
  }

  /** @param configure sees the run before its population is built (e.g. to receive every record) */
  protected LlmSimulation(String name, Function<LlmSettings, Workload> workload, Consumer<LlmRun> configure) {
    run = Launch.prepare(name, workload);
    configure.accept(run);
    setUp(run.population());
  }

  @Override
  public void before() {
    Launch.start(run);
  }

  @Override
  public void after() {
    Launch.finish(run);
  }
}
