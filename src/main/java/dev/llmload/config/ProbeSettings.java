package dev.llmload.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-user probe ({@code Probe}): {@code llm.probe}.
 *
 * @param steps the prompt sizes probed, in order; each is the file {@code <promptDir>/<step>.txt}
 * @param promptDir {@code <llm.userFiles>/prompts}
 * @param stepDuration how long one user sends requests of each step, one at a time
 * @param warmup start of each step left out of the statistics
 */
public record ProbeSettings(List<String> steps, Path promptDir, Duration stepDuration, Duration warmup) {

  public ProbeSettings {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw ConfigException.invalid("llm.probe.steps", "[]", "must name at least one prompt file under prompts/, such as [small, large]");
    }
    for (String step : steps) {
      if (!step.matches("[A-Za-z0-9._-]+")) {
        throw ConfigException.invalid("llm.probe.steps", step, "each step must be a file name made of letters, digits, '.', '_' or '-'");
      }
    }
    if (stepDuration.isNegative() || stepDuration.isZero()) {
      throw ConfigException.invalid("llm.probe.stepDuration", stepDuration, "must be positive");
    }
    if (warmup.isNegative()) {
      throw ConfigException.invalid("llm.probe.warmup", warmup, "must be zero or positive");
    }
    SweepSettings.requireWholeSeconds("llm.probe.stepDuration", stepDuration);
    SweepSettings.requireWholeSeconds("llm.probe.warmup", warmup);
  }

  /**
   * Each step's prompt text, in step order, read now (only the Probe needs them).
   *
   * @throws ConfigException naming {@code llm.probe.steps} and the file when one is missing or empty
   */
  public Map<String, String> readPrompts() {
    Map<String, String> prompts = new LinkedHashMap<>();
    for (String step : steps) {
      Path file = promptDir.resolve(step + ".txt");
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw ConfigException.invalid("llm.probe.steps", step, "no readable prompt file at " + file.toAbsolutePath().normalize());
      }
      if (text.isEmpty()) {
        throw ConfigException.invalid("llm.probe.steps", step, "the prompt file " + file.toAbsolutePath().normalize() + " is empty");
      }
      prompts.put(step, text);
    }
    return prompts;
  }
}
