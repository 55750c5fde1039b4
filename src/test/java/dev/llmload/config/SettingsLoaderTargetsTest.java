package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.target.name} and {@code llm.targets}: the targets the targets command compares, as the user writes them. */
class SettingsLoaderTargetsTest {

  @TempDir
  Path userFiles;

  private LlmSettings load(String... keysAndValues) {
    Properties commandLine = new Properties();
    commandLine.setProperty("llm.userFiles", userFiles.toString());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      commandLine.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return SettingsLoader.loadForTest(commandLine, Map.of());
  }

  private String fails(String... keysAndValues) {
    return assertThrows(ConfigException.class, () -> load(keysAndValues)).getMessage();
  }

  @Test
  void noTargetsAndNoNameByDefault() {
    LlmSettings s = load();
    assertEquals(List.of(), s.targets());
    assertEquals(Optional.empty(), s.target().name());
  }

  @Test
  void targetsFromTheCommandLineInOrder() {
    List<NamedTarget> targets = load("llm.targets", "[{name = llama-8b, baseUrl = \"http://gpu-a:8000/v1/\", model = \"meta-llama/Llama-3.1-8B-Instruct\"},"
        + " {name = small, preset = fast}, {name = \"qwen.7b\", baseUrl = \"http://gpu-b:8000/v1\"}]").targets();
    assertEquals(List.of(
        new NamedTarget("llama-8b", Optional.of(URI.create("http://gpu-a:8000/v1")), Optional.of("meta-llama/Llama-3.1-8B-Instruct"),
            Optional.empty()),
        new NamedTarget("small", Optional.empty(), Optional.empty(), Optional.of("fast")),
        new NamedTarget("qwen.7b", Optional.of(URI.create("http://gpu-b:8000/v1")), Optional.empty(), Optional.empty())), targets);
    assertTrue(targets.get(1).embedded());
    assertEquals("small: the embedded simulated server (preset fast)", targets.get(1).describe());
  }

  @Test
  void targetsFromAProfileFile() throws IOException {
    Files.writeString(userFiles.resolve("models.conf"), """
        llm.targets = [
          { name = small, preset = fast }
          { name = gemma, preset = "gemma-2-2b-l4", model = "google/gemma-2-2b-it" }
        ]
        """);
    List<NamedTarget> targets = load("llm.profile", "models").targets();
    assertEquals(List.of("small", "gemma"), targets.stream().map(NamedTarget::name).toList());
    assertEquals(Optional.of("google/gemma-2-2b-it"), targets.get(1).model());
  }

  @Test
  void aTargetNeedsAName() {
    assertEquals("llm.targets[1].name: invalid value \"\" (must be set: every target needs a name, which names its run folder and its run "
        + "in the comparison)", fails("llm.targets", "[{name = a, preset = fast}, {preset = fast}]"));
  }

  @Test
  void aNameIsAFileNameAndUsedOnce() {
    assertEquals("llm.targets[0].name: invalid value \"my model\" (must be a name made of letters, digits, '.', '_' or '-', such as "
        + "llama-8b-vllm)", fails("llm.targets", "[{name = \"my model\"}]"));
    assertEquals("llm.targets[0].name: invalid value \"..\" (must be a name made of letters, digits, '.', '_' or '-', such as "
        + "llama-8b-vllm)", fails("llm.targets", "[{name = \"..\"}]"));
    assertEquals("llm.targets[1].name: invalid value \"a\" (must be unique among llm.targets: each target gets its own run folder)",
        fails("llm.targets", "[{name = a}, {name = a, preset = fast}]"));
    assertEquals("llm.target.name: invalid value \"a/b\" (must be a name made of letters, digits, '.', '_' or '-', such as llama-8b-vllm)",
        fails("llm.target.name", "a/b"));
    assertEquals(Optional.of("llama-8b"), load("llm.target.name", "llama-8b").target().name());
  }

  @Test
  void anUnknownKeyInAnEntryIsNamedWithTheClosestOne() {
    String m = fails("llm.targets", "[{name = a, baseURL = \"http://gpu-a:8000/v1\"}]");
    assertTrue(m.startsWith("llm.targets[0]: unknown key 'baseURL' (did you mean baseUrl?); an entry must be an object such as "), m);
    assertTrue(m.endsWith("with the keys [name, baseUrl, model, preset]"), m);
  }

  @Test
  void aPresetIsTheSimulatorsAndOneOfItsPresets() {
    assertEquals("llm.targets[0].preset: set together with baseUrl; a preset is the embedded simulated server's (llm.server.preset), a "
        + "baseUrl a real server's: give a target one of the two", fails("llm.targets", "[{name = a, baseUrl = \"http://gpu:8000/v1\", "
        + "preset = fast}]"));
    String m = fails("llm.targets", "[{name = a, preset = fastest}]");
    assertTrue(m.startsWith("llm.targets[0].preset: invalid value \"fastest\" (must be one of the simulator's presets [batch-limited, fast, "), m);
  }

  @Test
  void aBadBaseUrlNamesItsEntry() {
    assertEquals("llm.targets[0].baseUrl: invalid value \"gpu-a:8000\" (must be an http:// or https:// URL such as http://127.0.0.1:8000/v1)",
        fails("llm.targets", "[{name = a, baseUrl = \"gpu-a:8000\"}]"));
  }

  @Test
  void targetsMustBeAListOfObjects() {
    assertEquals("llm.targets: invalid value \"small\" (must be a list of objects such as [{ name = value }])", fails("llm.targets", "small"));
    assertEquals("llm.targets[0]: invalid value \"small\" (must be a list of objects such as [{ name = value }])",
        fails("llm.targets", "[small]"));
  }
}
