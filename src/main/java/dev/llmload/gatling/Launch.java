package dev.llmload.gatling;

import dev.llmload.config.ConfigException;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.openai.TargetException;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.workload.Workload;
import java.util.Map;
import java.util.function.Function;

/**
 * How a simulation creates and starts its {@link LlmRun}: a configuration or target problem ends the JVM with
 * one sentence and exit status 3, before any load and without a report that would pretend to be a result.
 */
public final class Launch {

  /** Exit status of a run stopped by a configuration or target problem (2 is Gatling's "assertions failed"). */
  public static final int USAGE_ERROR = 3;

  private Launch() {}

  private static volatile LlmRun current;

  /** Loads the settings and builds the run; called from the simulation's constructor. */
  public static LlmRun prepare(String simulation, Function<LlmSettings, Workload> workload) {
    return prepare(simulation, Map.of(), workload);
  }

  /** Same, with the simulation's own defaults under the user's profile (see {@link SettingsLoader#load(Map)}). */
  public static LlmRun prepare(String simulation, Map<String, ?> simulationDefaults, Function<LlmSettings, Workload> workload) {
    try {
      LlmSettings settings = SettingsLoader.load(simulationDefaults);
      LlmRun run = new LlmRun(simulation, settings, workload.apply(settings));
      current = run;
      return run;
    } catch (ConfigException e) {
      throw exit("configuration error: " + e.getMessage());
    }
  }

  /** The run most recently prepared in this JVM: lets an in-process test reach the run Gatling instantiated. */
  public static LlmRun current() {
    return current;
  }

  /** Starts the target and the run folder; called from the simulation's {@code before()}. */
  public static void start(LlmRun run) {
    try {
      run.start();
    } catch (TargetException | GatlingSelfCheck.GatlingHooksMissing e) {
      run.stopServer();
      throw exit(e.getMessage());
    } catch (ConfigException e) {
      run.stopServer();
      throw exit("configuration error: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // the embedded server's settings validate themselves and name the llm.server key
      run.stopServer();
      throw exit("configuration error: " + e.getMessage());
    }
  }

  private static RuntimeException exit(String message) {
    ConsoleReporter.stdout().error(message);
    System.exit(USAGE_ERROR);
    return new IllegalStateException(message); // not reached
  }
}
