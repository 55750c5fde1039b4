package dev.llmload.gatling;

/**
 * The exit statuses of a run ({@code mvn gatling:test}, or Gatling's main in a JVM of its own) and of the targets
 * command, the one place they are defined; README "Nightly runs" lists them. Maven itself exits 1 whenever the run's
 * JVM exits non-zero, and its log names the status ({@code Gatling failed.}).
 */
public enum ExitStatus {
  /** Every report written, every check (gates, baseline) passed. */
  SUCCESS(0),
  /** The JVM's own status for a crash (an uncaught exception), and Gatling's for arguments it cannot parse. */
  CRASHED(1),
  /** Gatling's own status when one of its assertions failed (our simulations define none). */
  GATLING_ASSERTIONS_FAILED(2),
  /** A configuration problem, found before any load: no report. */
  CONFIGURATION_ERROR(3),
  /** The target could not be reached or used (refused, wrong model, API key, base URL), before any load: no report. */
  TARGET_UNREACHABLE(4),
  /**
   * The run finished and every report was written, but a check failed: a gate ({@code llm.gates}) was not met, or a
   * metric regressed against the baseline ({@code llm.baseline}).
   */
  CHECKS_FAILED(5);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** The status with this code, or {@code null} when it is none of ours. */
  public static ExitStatus of(int code) {
    for (ExitStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }

  /** E.g. {@code 5 (a check failed: a gate was not met)}, for messages about a run's exit. */
  public static String describe(int code) {
    ExitStatus s = of(code);
    return code + (s == null ? "" : " (" + s.meaning() + ")");
  }

  /** What the status means, in a few words. */
  public String meaning() {
    return switch (this) {
      case SUCCESS -> "success";
      case CRASHED -> "the run crashed";
      case GATLING_ASSERTIONS_FAILED -> "Gatling assertions failed";
      case CONFIGURATION_ERROR -> "configuration error";
      case TARGET_UNREACHABLE -> "target unreachable";
      case CHECKS_FAILED -> "a gate or baseline check failed";
    };
  }
}
