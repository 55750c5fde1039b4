package dev.llmload.gatling;

import dev.llmload.report.ConsoleReporter;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a run's JVM, after Gatling's own report: Gatling writes its report after {@code Simulation.after()} and
 * then its main ends the JVM with its own status (0), which no hook can change. So what must happen after Gatling's
 * report runs in one shutdown hook of ours, in order: the actions ({@link #onExit}, e.g. the link to that report), then,
 * when a check failed ({@link #failWith}), {@link Runtime#halt} with that status, the JVM's last act.
 *
 * <p>The status is set only when Gatling's main started this run ({@link #gatlingMainExits()}): a run started some other
 * way (a test calling Gatling in its own JVM) must not end that JVM; it reads the status from
 * {@link LlmRun#exitStatus()} instead.
 */
final class ExitAfterReports {

  private static final List<Runnable> ACTIONS = new ArrayList<>();
  private static ExitStatus status = ExitStatus.SUCCESS;
  private static String reason;
  private static boolean hooked;

  private ExitAfterReports() {}

  /** Runs {@code action} when the JVM exits, after the actions added before it. */
  static synchronized void onExit(Runnable action) {
    ACTIONS.add(action);
    hook();
  }

  /**
   * Makes the JVM exit with {@code failed} once Gatling's main has written its report and ends the JVM; {@code why}
   * is printed last. Does nothing when Gatling's main did not start this run.
   */
  static synchronized void failWith(ExitStatus failed, String why) {
    if (!gatlingMainExits()) {
      return;
    }
    status = failed;
    reason = why;
    hook();
  }

  /** True when this thread runs under Gatling's main ({@code io.gatling.app.Gatling.main}), which exits the JVM after its report. */
  static boolean gatlingMainExits() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("io.gatling.app.Gatling")
        && f.getMethodName().equals("main")));
  }

  private static void hook() {
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime().addShutdownHook(new Thread(ExitAfterReports::atExit, "llm-exit"));
    }
  }

  private static void atExit() {
    List<Runnable> actions;
    ExitStatus exit;
    String why;
    synchronized (ExitAfterReports.class) {
      actions = List.copyOf(ACTIONS);
      exit = status;
      why = reason;
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        // one action failing must not keep the others, or the exit status, from happening
      }
    }
    if (exit != ExitStatus.SUCCESS) {
      ConsoleReporter.stdout().error(why + ": exit status " + exit.code());
      Runtime.getRuntime().halt(exit.code());
    }
  }
}
