package dev.llmload.endtoend;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a simulation inside the test JVM (Gatling's own entry point, without its {@code System.exit}), with
 * {@code llm.*} system properties set for the duration of the run only.
 */
public final class InProcessGatling {

  private InProcessGatling() {}

  public static int run(Class<?> simulation, Path resultsFolder, Map<String, String> properties) {
    Map<String, String> previous = new HashMap<>();
    properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
          "--simulation", simulation.getName(),
          "--results-folder", resultsFolder.toAbsolutePath().toString(),
          "--no-reports",
          "--launcher", "junit"});
    } finally {
      previous.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }
}
