package dev.llmload.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of {@code llm.targets}: a server (or the embedded simulator with a preset) that the targets command runs
 * the same workload against, in its own run folder named after it.
 *
 * @param name names the run folder ({@code <Simulation>-<name>-<time>}) and the run in the comparison; a file name
 * @param baseUrl the server's API root; empty: the embedded simulated server
 * @param model the model to ask for; empty: the first one the server lists
 * @param preset the embedded simulator's preset ({@code llm.server.preset}); only without a {@code baseUrl}
 */
public record NamedTarget(String name, Optional<URI> baseUrl, Optional<String> model, Optional<String> preset) {

  /** The keys an entry may hold. */
  static final java.util.List<String> KEYS = java.util.List.of("name", "baseUrl", "model", "preset");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  static final String NAME_RULE = "must be a name made of letters, digits, '.', '_' or '-', such as llama-8b-vllm";

  public NamedTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(preset, "preset");
    if (!isName(name)) {
      throw new IllegalArgumentException("name " + NAME_RULE + ", was '" + name + "'");
    }
    if (baseUrl.isPresent() && preset.isPresent()) {
      throw new IllegalArgumentException("a target with a baseUrl is a real server and takes no preset (the embedded simulator's), was "
          + baseUrl.get() + " and preset " + preset.get());
    }
  }

  /** True for text usable as a target's name: it becomes part of a folder name. */
  static boolean isName(String text) {
    return NAME.matcher(text).matches() && !text.equals(".") && !text.equals("..");
  }

  public boolean embedded() {
    return baseUrl.isEmpty();
  }

  /** For people: the URL and model, or the simulator and its preset. */
  public String describe() {
    String where = baseUrl.map(URI::toString).orElse("the embedded simulated server" + preset.map(p -> " (preset " + p + ")").orElse(""));
    return name + ": " + where + model.map(m -> ", model " + m).orElse("");
  }
}
