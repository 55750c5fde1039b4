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
 * How a simulation creates, starts and ends its {@link LlmRun}: a configuration problem ends the JVM with one sentence
 * and exit status {@link ExitStatus#CONFIGURATION_ERROR}, a target that cannot be used with
 * {@link ExitStatus#TARGET_UNREACHABLE}, both before any load and without a report that would pretend to be a result;
 * a failed check (a gate, the baseline), after every report, with {@link ExitStatus#CHECKS_FAILED}.
 */
public final class Launch {

  /** Exit status of a run stopped by a configuration problem ({@link ExitStatus#CONFIGURATION_ERROR}). */
  public static final int USAGE_ERROR = ExitStatus.CONFIGURATION_ERROR.code();

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
      throw exit(ExitStatus.CONFIGURATION_ERROR, "configuration error: " + e.getMessage());
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
    } catch (TargetException e) {
      run.stopServer();
      throw exit(ExitStatus.TARGET_UNREACHABLE, e.getMessage());
    } catch (GatlingSelfCheck.GatlingHooksMissing e) {
      run.stopServer();
      throw exit(ExitStatus.CONFIGURATION_ERROR, e.getMessage());
    } catch (ConfigException e) {
      run.stopServer();
      throw exit(ExitStatus.CONFIGURATION_ERROR, "configuration error: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // the embedded server's settings validate themselves and name the llm.server key
      run.stopServer();
      throw exit(ExitStatus.CONFIGURATION_ERROR, "configuration error: " + e.getMessage());
    }
  }

  /**
   * Writes the run's reports; called from the simulation's {@code after()}. When a check (a gate, the baseline) failed, the JVM Gatling's main
   * runs in exits with {@link ExitStatus#CHECKS_FAILED} once Gatling has written its own report too.
   */
  public static void finish(LlmRun run) {
    if (run.finish() != null && run.exitStatus() != ExitStatus.SUCCESS) {
      ExitAfterReports.failWith(run.exitStatus(), run.failedChecks() + " of the run's " + run.checks() + " checks failed (see the gates and "
          + "baseline blocks above, and junit.xml in " + run.reportPath() + ")");
    }
  }

  private static RuntimeException exit(ExitStatus status, String message) {
    ConsoleReporter.stdout().error(message);
    System.exit(status.code());
    return new IllegalStateException(message); // not reached
  }
}
