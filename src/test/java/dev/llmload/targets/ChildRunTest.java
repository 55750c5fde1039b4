package dev.llmload.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.NamedTarget;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildRunTest {

  private static final NamedTarget SERVER = new NamedTarget("llama-8b", Optional.of(URI.create("http://gpu-a:8000/v1")),
      Optional.of("meta-llama/Llama-3.1-8B-Instruct"), Optional.empty());
  private static final NamedTarget SIMULATOR = new NamedTarget("small", Optional.empty(), Optional.empty(), Optional.of("fast"));

  @Test
  void aServersRunGetsItsAddressAndNameAndTheCommandsOtherSettings() {
    Map<String, String> commandLine = Map.of(
        "llm.profile", "nightly",
        "llm.sweep.levels", "[1,4]",
        "gatling.core.encoding", "utf-8",
        "llm.targets", "[{name=llama-8b}]",
        "llm.target.baseUrl", "http://elsewhere:8000/v1",
        "llm.target.model.x", "1",
        "user.dir", "/home/me",
        "simulation", "ConcurrencySweep");
    assertEquals(Map.of(
        "llm.profile", "nightly",
        "llm.sweep.levels", "[1,4]",
        "gatling.core.encoding", "utf-8",
        "llm.target.name", "llama-8b",
        "llm.target.baseUrl", "http://gpu-a:8000/v1",
        "llm.target.baseUrls", "[]",
        "llm.target.model", "meta-llama/Llama-3.1-8B-Instruct"), ChildRun.properties(commandLine, SERVER));
  }

  @Test
  void aSimulatorsRunHasNoBaseUrlAndItsPreset() {
    Map<String, String> p = ChildRun.properties(Map.of("llm.server.preset", "llama-3.1-8b-l4"), SIMULATOR);
    assertEquals("null", p.get("llm.target.baseUrl"), "unset: the embedded simulated server, whatever a profile says");
    assertEquals("null", p.get("llm.target.model"), "unset: the first model it serves");
    assertEquals("fast", p.get("llm.server.preset"), "the target's preset wins");
  }

  @Test
  void theCommandStartsGatlingsMainLikeThePluginsFork() {
    ChildRun child = new ChildRun(Path.of("/jdk/bin/java"), "a.jar:b.jar", Path.of("/work/target/gatling"), false);
    List<String> command = child.command("dev.llmload.simulations.ConcurrencySweep", "ConcurrencySweep small",
        new java.util.TreeMap<>(Map.of("llm.target.name", "small", "llm.request.prompt", "a \"quoted\" prompt")));
    assertEquals(List.of("/jdk/bin/java", "-Xmx1G", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", "a.jar:b.jar", "-Dllm.request.prompt=a \"quoted\" prompt",
        "-Dllm.target.name=small", "io.gatling.app.Gatling", "--simulation", "dev.llmload.simulations.ConcurrencySweep", "--results-folder",
        "/work/target/gatling", "--run-description", "ConcurrencySweep small", "--no-reports"), command);
    assertFalse(new ChildRun(Path.of("java"), "", Path.of("/r"), true).command("S", "d", Map.of()).contains("--no-reports"));
  }

  @Test
  void theClassPathIsExecJavasLoaderOrThisJvms() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of("/p/classes").toUri().toURL(), Path.of("/p/x.jar").toUri().toURL()})) {
      assertEquals(Path.of("/p/classes") + java.io.File.pathSeparator + Path.of("/p/x.jar"), ChildRun.classpath(loader));
    }
    assertEquals(System.getProperty("java.class.path"), ChildRun.classpath(ClassLoader.getSystemClassLoader()));
    assertTrue(ChildRun.ofThisJvm().java().endsWith(Path.of("bin", "java")));
  }
}
