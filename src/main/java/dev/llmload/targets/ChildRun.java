package dev.llmload.targets;

import dev.llmload.config.NamedTarget;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line of one target's run: a JVM started like the one the Gatling Maven plugin forks (its heap and
 * {@code --add-opens}), Gatling's own main on the project's class path, the simulation, and as {@code -D} the
 * {@code llm.*} and {@code gatling.*} properties of the targets command with the target's own in place of any
 * {@code llm.target} address and name. Values go to the JVM as they are (no shell in between).
 *
 * @param java the {@code java} executable
 * @param classpath the class path the simulations are on
 * @param resultsFolder where Gatling writes its results and report (the plugin's {@code target/gatling})
 * @param gatlingReport false: Gatling's own HTML report is not generated ({@code --no-reports})
 */
public record ChildRun(Path java, String classpath, Path resultsFolder, boolean gatlingReport) {

  /** JVM options the Gatling Maven plugin gives the JVM it forks for a run (its defaults, Java 17). */
  static final List<String> JVM_OPTIONS = List.of("-Xmx1G", "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");

  /** The keys of a target's address and name: a target's run sets them all, whatever the targets command was given. */
  static final List<String> TARGET_KEYS = List.of("llm.target.name", "llm.target.baseUrl", "llm.target.baseUrls", "llm.target.model");

  /** A run of this JVM's Java, with this class's class path, Gatling's report in {@code target/gatling}. */
  public static ChildRun ofThisJvm() {
    return new ChildRun(Path.of(System.getProperty("java.home"), "bin", "java"), classpath(ChildRun.class.getClassLoader()),
        Path.of("target", "gatling").toAbsolutePath(), true);
  }

  /**
   * The class path of {@code loader}: its URLs when it is a URL class loader (exec:java's, which holds the project's
   * classes and dependencies), else this JVM's {@code java.class.path}.
   */
  static String classpath(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      List<String> entries = new ArrayList<>();
      for (URL url : urls.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          entries.add(url.getPath());
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  /** The whole command: {@code java <options> -cp <classpath> -D... io.gatling.app.Gatling --simulation ...}. */
  public List<String> command(String simulationClass, String description, Map<String, String> properties) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(classpath);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("io.gatling.app.Gatling");
    command.add("--simulation");
    command.add(simulationClass);
    command.add("--results-folder");
    command.add(resultsFolder.toAbsolutePath().toString());
    command.add("--run-description");
    command.add(description);
    if (!gatlingReport) {
      command.add("--no-reports");
    }
    return command;
  }

  /**
   * The system properties of {@code target}'s run: the {@code llm.*} and {@code gatling.*} ones of the targets command
   * ({@code commandLine}), without {@code llm.targets} and the target keys, and the target's: its name, its base URL
   * ({@code null}: the embedded simulator), no replicas, its model ({@code null}: the first listed) and, for the
   * simulator, its preset. The target's keys win over a profile file's, as any {@code -D} does.
   */
  public static Map<String, String> properties(Map<String, String> commandLine, NamedTarget target) {
    Map<String, String> out = new TreeMap<>();
    commandLine.forEach((k, v) -> {
      boolean ours = k.equals("llm") || k.startsWith("llm.") || k.startsWith("gatling.");
      if (ours && !within(k, "llm.targets") && TARGET_KEYS.stream().noneMatch(t -> within(k, t))) {
        out.put(k, v);
      }
    });
    out.put("llm.target.name", target.name());
    out.put("llm.target.baseUrl", target.baseUrl().map(Object::toString).orElse("null"));
    out.put("llm.target.baseUrls", "[]");
    out.put("llm.target.model", target.model().orElse("null"));
    target.preset().ifPresent(p -> out.put("llm.server.preset", p));
    return out;
  }

  private static boolean within(String key, String root) {
    return key.equals(root) || key.startsWith(root + ".");
  }
}
