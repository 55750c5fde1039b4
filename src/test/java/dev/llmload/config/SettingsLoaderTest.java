package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SettingsLoader} through {@code loadForTest}. Every test points {@code llm.userFiles} at its own empty
 * {@link TempDir}, so a {@code user-files/default.conf} in the working directory cannot change the outcome.
 */
class SettingsLoaderTest {

  private static final String RULE_URL = "must be an http:// or https:// URL such as http://127.0.0.1:8000/v1";
  private static final String RULE_DURATION = "must be a duration such as 500ms, 15s or 2m";

  @TempDir
  Path userFiles;

  private Map<String, Object> overrides;

  @BeforeEach
  void isolateUserFiles() {
    overrides = new HashMap<>();
    overrides.put("llm.userFiles", userFiles.toString());
  }

  private LlmSettings load() {
    return SettingsLoader.loadForTest(overrides, Map.of());
  }

  private LlmSettings load(String key, Object value) {
    overrides.put(key, value);
    return load();
  }

  private ConfigException fails(String key, Object value) {
    overrides.put(key, value);
    return assertThrows(ConfigException.class, this::load);
  }

  // ---- defaults and overrides ----

  @Test
  void defaults() {
    LlmSettings s = load();

    assertEquals("default", s.profile());
    assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 100), s.sweep().levels());
    assertEquals(Duration.ofSeconds(12), s.sweep().levelDuration());
    assertEquals(Duration.ofSeconds(3), s.sweep().warmup());
    assertEquals(128, s.request().maxTokens());
    assertTrue(s.request().ignoreEos());
    assertEquals("Explain how a continuous-batching LLM server schedules requests, step by step.", s.request().prompt());
    assertEquals(Map.of(), s.request().extraBody());
    assertEquals(Api.CHAT, s.target().api());
    assertTrue(s.target().embedded(), "no baseUrl: the embedded simulated server");
    assertEquals(Optional.empty(), s.target().baseUrl());
    assertEquals(Optional.empty(), s.target().model());
    assertEquals(Optional.empty(), s.target().apiKey());
    assertEquals(Duration.ofSeconds(120), s.timeouts().request());
    assertEquals(Duration.ofSeconds(30), s.timeouts().headers());
    assertEquals(Duration.ofSeconds(30), s.timeouts().idle());
    assertEquals(Duration.ofSeconds(4), s.http().keepAliveIdle());
    assertFalse(s.http().realtimeEventLoops(), "event loops at normal priority unless asked");
    assertEquals(Path.of("reports"), s.report().dir());
  }

  @Test
  void overridesReplaceDefaults() {
    overrides.put("llm.target.baseUrl", "http://10.0.0.5:8000/v1");
    overrides.put("llm.target.model", "Qwen/Qwen2.5-7B-Instruct");
    overrides.put("llm.target.api", "completions");
    overrides.put("llm.request.maxTokens", 256);
    overrides.put("llm.request.ignoreEos", false);
    overrides.put("llm.request.prompt", "Hi");
    overrides.put("llm.sweep.levels", List.of(2, 4));
    overrides.put("llm.sweep.levelDuration", "30s");
    overrides.put("llm.sweep.warmup", "0s");
    overrides.put("llm.timeouts.request", "2m");
    overrides.put("llm.report.dir", "out/reports");
    LlmSettings s = load();

    assertEquals(Optional.of(URI.create("http://10.0.0.5:8000/v1")), s.target().baseUrl());
    assertFalse(s.target().embedded());
    assertEquals(Optional.of("Qwen/Qwen2.5-7B-Instruct"), s.target().model());
    assertEquals(Api.COMPLETIONS, s.target().api());
    assertEquals(256, s.request().maxTokens());
    assertFalse(s.request().ignoreEos());
    assertEquals("Hi", s.request().prompt());
    assertEquals(List.of(2, 4), s.sweep().levels());
    assertEquals(Duration.ofSeconds(30), s.sweep().levelDuration());
    assertEquals(Duration.ZERO, s.sweep().warmup());
    assertEquals(Duration.ofMinutes(2), s.timeouts().request());
    assertEquals(Path.of("out/reports"), s.report().dir());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2,4]", "1,2,4", " [ 1 , 2 , 4 ] ", "1, 2, 4,"})
  void levelsGivenAsOneStringLikeASystemProperty(String raw) {
    assertEquals(List.of(1, 2, 4), load("llm.sweep.levels", raw).sweep().levels());
  }

  @Test
  void singleLevelAsANumber() {
    assertEquals(List.of(16), load("llm.sweep.levels", 16).sweep().levels());
  }

  @ParameterizedTest
  @CsvSource({"yes, true", "on, true", "true, true", "no, false", "off, false", "false, false"})
  void booleanSpellings(String raw, boolean expected) {
    assertEquals(expected, load("llm.request.ignoreEos", raw).request().ignoreEos());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000/v1//", "  http://127.0.0.1:8000/v1  "})
  void baseUrlIsTrimmedOfSpacesAndTrailingSlashes(String raw) {
    assertEquals(URI.create("http://127.0.0.1:8000/v1"), load("llm.target.baseUrl", raw).target().baseUrl().orElseThrow());
  }

  @Test
  void httpsBaseUrlIsAccepted() {
    assertEquals(URI.create("https://api.example.com/v1"), load("llm.target.baseUrl", "https://api.example.com/v1").target().baseUrl().orElseThrow());
  }

  // ---- validation messages: key, value and rule ----

  @Test
  void levelZero() {
    ConfigException e = fails("llm.sweep.levels", List.of(1, 0));
    assertEquals("llm.sweep.levels", e.key());
    assertEquals("llm.sweep.levels: invalid value 0 (each level must be between 1 and 10000)", e.getMessage());
  }

  @Test
  void levelTooHigh() {
    assertEquals("llm.sweep.levels: invalid value 10001 (each level must be between 1 and 10000)",
        fails("llm.sweep.levels", "1,10001").getMessage());
  }

  @Test
  void levelNotANumber() {
    assertEquals("llm.sweep.levels: invalid value \"abc\" (must be a list of whole numbers such as [1,2,4])",
        fails("llm.sweep.levels", "abc").getMessage());
  }

  @Test
  void noLevels() {
    assertEquals("llm.sweep.levels: invalid value \"[]\" (must list at least one concurrency level)",
        fails("llm.sweep.levels", List.of()).getMessage());
  }

  @Test
  void maxTokensZero() {
    ConfigException e = fails("llm.request.maxTokens", 0);
    assertEquals("llm.request.maxTokens", e.key());
    assertEquals("llm.request.maxTokens: invalid value 0 (must be at least 1)", e.getMessage());
  }

  @Test
  void maxTokensNotANumber() {
    assertEquals("llm.request.maxTokens: invalid value \"lots\" (must be a whole number)", fails("llm.request.maxTokens", "lots").getMessage());
  }

  @Test
  void badDuration() {
    ConfigException e = fails("llm.sweep.levelDuration", "fast");
    assertEquals("llm.sweep.levelDuration", e.key());
    assertEquals("llm.sweep.levelDuration: invalid value \"fast\" (" + RULE_DURATION + ")", e.getMessage());
  }

  @Test
  void zeroLevelDurationAndNegativeWarmup() {
    assertEquals("llm.sweep.levelDuration: invalid value PT0S (must be positive)", fails("llm.sweep.levelDuration", "0s").getMessage());
    overrides.remove("llm.sweep.levelDuration");
    assertEquals("llm.sweep.warmup: invalid value PT-1S (must be zero or positive)", fails("llm.sweep.warmup", "-1s").getMessage());
  }

  @Test
  void zeroRequestTimeout() {
    assertEquals("llm.timeouts.request: invalid value PT0S (must be positive)", fails("llm.timeouts.request", "0ms").getMessage());
  }

  @Test
  void unknownApi() {
    ConfigException e = fails("llm.target.api", "grpc");
    assertEquals("llm.target.api", e.key());
    assertEquals("llm.target.api: invalid value \"grpc\" (must be one of chat, completions)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8000", "ftp://x", "127.0.0.1:8000/v1", "http://", "http:///v1", "not a url"})
  void baseUrlMustBeHttpWithAHost(String raw) {
    ConfigException e = fails("llm.target.baseUrl", raw);
    assertEquals("llm.target.baseUrl", e.key());
    assertEquals("llm.target.baseUrl: invalid value \"" + raw + "\" (" + RULE_URL + ")", e.getMessage());
  }

  @Test
  void notABoolean() {
    assertEquals("llm.request.ignoreEos: invalid value \"maybe\" (must be true or false)", fails("llm.request.ignoreEos", "maybe").getMessage());
  }

  @Test
  void blankPromptIsMissing() {
    assertEquals("llm.request.prompt: invalid value \"\" (must be set)", fails("llm.request.prompt", "   ").getMessage());
  }

  @Test
  void objectWhereASingleValueBelongs() {
    ConfigException e = fails("llm.target.model", List.of("a", "b"));
    assertEquals("llm.target.model", e.key());
    assertTrue(e.getMessage().endsWith("(must be a single value)"), e.getMessage());
  }

  // ---- unknown keys ----

  @Test
  void unknownKeySuggestsTheClosestOne() {
    ConfigException e = fails("llm.sweep.level", "[1,2]");
    assertEquals("llm.sweep.level", e.key());
    assertEquals("llm.sweep.level: unknown key (did you mean llm.sweep.levels?); every key is listed in README.md, section Configuration",
        e.getMessage());
  }

  @Test
  void unknownKeySuggestionIgnoresCase() {
    assertEquals("llm.target.baseURL: unknown key (did you mean llm.target.baseUrl?); every key is listed in README.md, section Configuration",
        fails("llm.target.baseURL", "http://127.0.0.1:8000/v1").getMessage());
  }

  @Test
  void unknownKeyFarFromAnyOtherHasNoSuggestion() {
    assertEquals("llm.banana.split: unknown key; every key is listed in README.md, section Configuration",
        fails("llm.banana.split", 1).getMessage());
  }

  @Test
  void keysOutsideLlmAreNotOurs() {
    assertEquals(128, load("gatling.core.encoding", "utf-8").request().maxTokens());
  }

  @Test
  void extraBodyKeysAreFreeForm() {
    overrides.put("llm.request.extraBody.temperature", 0.7);
    overrides.put("llm.request.extraBody.chat_template_kwargs.enable_thinking", false);
    overrides.put("llm.request.extraBody.stop", List.of("END"));
    LlmSettings s = load();

    assertEquals(Map.of("temperature", 0.7, "chat_template_kwargs", Map.of("enable_thinking", false), "stop", List.of("END")),
        s.request().extraBody());
  }

  // ---- API key ----

  @Test
  void apiKeyFromLlmApiKeyFirst() {
    LlmSettings s = SettingsLoader.loadForTest(overrides, Map.of("LLM_API_KEY", " sk-llm-1234 ", "OPENAI_API_KEY", "sk-openai-5678"));
    Secret key = s.target().apiKey().orElseThrow();
    assertEquals("sk-llm-1234", key.reveal());
    assertEquals("env LLM_API_KEY", key.source());
  }

  @Test
  void apiKeyFallsBackToOpenAiApiKey() {
    LlmSettings s = SettingsLoader.loadForTest(overrides, Map.of("LLM_API_KEY", "  ", "OPENAI_API_KEY", "sk-openai-5678"));
    Secret key = s.target().apiKey().orElseThrow();
    assertEquals("sk-openai-5678", key.reveal());
    assertEquals("env OPENAI_API_KEY", key.source());
  }

  @Test
  void apiKeyNeverShowsInToString() {
    LlmSettings s = SettingsLoader.loadForTest(overrides, Map.of("LLM_API_KEY", "sk-llm-1234"));
    Secret key = s.target().apiKey().orElseThrow();
    assertEquals("<secret from env LLM_API_KEY>", key.toString());
    assertFalse(s.target().toString().contains("sk-llm-1234"), s.target().toString());
    assertFalse(s.toString().contains("sk-llm-1234"));
  }

  @Test
  void apiKeyEnvListIsConfigurable() {
    overrides.put("llm.target.apiKeyEnv", "[VLLM_KEY]");
    LlmSettings s = SettingsLoader.loadForTest(overrides, Map.of("LLM_API_KEY", "ignored", "VLLM_KEY", "k"));
    assertEquals("env VLLM_KEY", s.target().apiKey().orElseThrow().source());
  }

  // ---- profiles and prompt files ----

  private void write(String relative, String content) throws IOException {
    Path file = userFiles.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void profileValuesOverrideDefaultsAndOverridesBeatTheProfile() throws IOException {
    write("perf.conf", """
        llm {
          target.model = "from-profile"
          request.maxTokens = 64
          request.extraBody { top_p = 0.9 }
          sweep.levels = [3, 6]
        }
        """);
    overrides.put("llm.profile", "perf");
    overrides.put("llm.request.maxTokens", 32);
    LlmSettings s = load();

    assertEquals("perf", s.profile());
    assertEquals(Optional.of("from-profile"), s.target().model());
    assertEquals(List.of(3, 6), s.sweep().levels());
    assertEquals(32, s.request().maxTokens(), "an override beats the profile");
    assertEquals(Map.of("top_p", 0.9), s.request().extraBody());
    assertEquals(Duration.ofSeconds(12), s.sweep().levelDuration(), "keys the profile leaves out keep their default");
  }

  @Test
  void defaultProfileFileIsReadWhenPresent() throws IOException {
    write("default.conf", "llm.sweep.levels = [5]\n");
    assertEquals(List.of(5), load().sweep().levels());
  }

  @Test
  void missingNonDefaultProfileNamesThePathTried() {
    ConfigException e = fails("llm.profile", "nightly");
    assertEquals("llm.profile", e.key());
    assertEquals("llm.profile: invalid value \"nightly\" (no profile file at " + userFiles.toAbsolutePath().normalize().resolve("nightly.conf")
        + ")", e.getMessage());
  }

  @Test
  void profileNameMustBeAFileName() {
    assertEquals("llm.profile: invalid value \"../etc/passwd\" (must be a file name made of letters, digits, '.', '_' or '-')",
        fails("llm.profile", "../etc/passwd").getMessage());
  }

  @Test
  void unknownKeyInAProfileIsRejectedToo() throws IOException {
    write("perf.conf", "llm.sweep.levls = [1]\n");
    ConfigException e = fails("llm.profile", "perf");
    assertEquals("llm.sweep.levls: unknown key (did you mean llm.sweep.levels?); every key is listed in README.md, section Configuration",
        e.getMessage());
  }

  @Test
  void unreadableProfileNamesTheFile() throws IOException {
    write("broken.conf", "llm { sweep.levels = [1,\n");
    ConfigException e = fails("llm.profile", "broken");
    assertEquals("llm.profile", e.key());
    assertTrue(e.getMessage().startsWith("llm.profile: cannot read " + userFiles.toAbsolutePath().normalize().resolve("broken.conf") + ": "),
        e.getMessage());
  }

  @Test
  void promptFileIsReadRelativeToUserFilesAndStripped() throws IOException {
    write("prompts/story.txt", "\n  Tell me a story about \"quotes\".\nSecond line.\n\n");
    LlmSettings s = load("llm.request.promptFile", "prompts/story.txt");
    assertEquals("Tell me a story about \"quotes\".\nSecond line.", s.request().prompt());
  }

  @Test
  void promptFileFromAProfile() throws IOException {
    write("prompts/p.txt", "from the file");
    write("perf.conf", "llm.request.promptFile = prompts/p.txt\nllm.request.prompt = ignored\n");
    assertEquals("from the file", load("llm.profile", "perf").request().prompt());
  }

  @Test
  void noDatasetByDefault() {
    assertTrue(load().request().dataset().isEmpty());
  }

  @Test
  void aDatasetIsFoundRelativeToUserFilesWithItsFormatToldByTheExtension() throws IOException {
    write("datasets/d.csv", "text\nhi\n");
    overrides.put("llm.request.datasetColumn", "text");
    RequestSettings.Dataset d = load("llm.request.dataset", "datasets/d.csv").request().dataset().orElseThrow();
    assertEquals(new RequestSettings.Dataset("datasets/d.csv", userFiles.resolve("datasets/d.csv"), DatasetFormat.CSV, "text"), d);
    overrides.put("llm.request.datasetFormat", "jsonl");
    assertEquals(DatasetFormat.JSONL, load().request().dataset().orElseThrow().format(), "a format given wins over the extension");
  }

  @Test
  void aMissingDatasetOrAnUnknownFormatIsRefused() {
    ConfigException e = fails("llm.request.dataset", "datasets/missing.jsonl");
    assertEquals("llm.request.dataset: invalid value \"datasets/missing.jsonl\" (no readable file at "
        + userFiles.toAbsolutePath().normalize().resolve("datasets/missing.jsonl") + ")", e.getMessage());
    overrides.remove("llm.request.dataset");
    assertEquals("llm.request.datasetFormat: invalid value \"parquet\" (must be one of auto, jsonl, sharegpt, csv)",
        fails("llm.request.datasetFormat", "parquet").getMessage());
  }

  @Test
  void aPromptSetIsReadFromPromptsAndLengthsFromTheirTextForms() throws IOException {
    write("prompts/long-2k.txt", "  A long document.\n");
    overrides.put("llm.request.synthetic.outputTokens", 64);
    RequestSettings r = load("llm.request.promptSet", "long-2k").request();
    assertEquals(new RequestSettings.PromptSet("long-2k", "A long document."), r.promptSet().orElseThrow());
    assertEquals(new TokenLength.Fixed(64), r.synthetic().outputTokens().orElseThrow(), "a number in a profile reads as a fixed length");
    assertTrue(r.sendsMinTokens());
    assertEquals("promptSet long-2k, output 64 tokens (min_tokens too)", r.lengthsAskedFor());
    assertEquals(TokenizerChoice.AUTO, r.tokenizer());
    overrides.remove("llm.request.promptSet");
    overrides.put("llm.request.synthetic.inputTokens", "uniform(100, 200)");
    overrides.put("llm.request.synthetic.minTokens", false);
    overrides.put("llm.request.tokenizer", "estimate");
    r = load().request();
    assertEquals(new TokenLength.Uniform(100, 200), r.synthetic().inputTokens().orElseThrow());
    assertEquals(TokenizerChoice.ESTIMATE, r.tokenizer());
    assertEquals("synthetic input uniform(100, 200) tokens, output 64 tokens", r.lengthsAskedFor());
    assertTrue(load("llm.request.synthetic.outputTokens", null).request().lengthsAskedFor().startsWith("synthetic input"));
  }

  @Test
  void aMissingPromptSetNamesTheFileAndTwoPromptSourcesAreRefused() throws IOException {
    assertEquals("llm.request.promptSet: invalid value \"huge\" (no readable prompt file at "
        + userFiles.toAbsolutePath().normalize().resolve("prompts/huge.txt") + " (small, medium, large, long-2k and long-4k ship in "
        + "user-files/prompts))", fails("llm.request.promptSet", "huge").getMessage());
    write("prompts/large.txt", "A page.");
    overrides.put("llm.request.promptSet", "large");
    ConfigException e = fails("llm.request.synthetic.inputTokens", "512");
    assertTrue(e.getMessage().startsWith("llm.request: llm.request.dataset, llm.request.promptSet and llm.request.synthetic.inputTokens"),
        e.getMessage());
  }

  @Test
  void missingPromptFileNamesThePathTried() {
    ConfigException e = fails("llm.request.promptFile", "prompts/missing.txt");
    assertEquals("llm.request.promptFile", e.key());
    assertEquals("llm.request.promptFile: invalid value \"prompts/missing.txt\" (no readable file at "
        + userFiles.toAbsolutePath().normalize().resolve("prompts/missing.txt") + ")", e.getMessage());
  }

  @Test
  void emptyPromptFileIsRejected() throws IOException {
    write("prompts/empty.txt", " \n\n");
    assertEquals("llm.request.prompt: invalid value \"\" (must not be empty)", fails("llm.request.promptFile", "prompts/empty.txt").getMessage());
  }

  // ---- the real entry point: system properties ----

  @Test
  void systemPropertiesOverrideAndATypoIsRejected() {
    Properties saved = (Properties) System.getProperties().clone();
    try {
      System.setProperty("llm.userFiles", userFiles.toString());
      System.setProperty("llm.sweep.levels", "[1,2,4]");
      assertEquals(List.of(1, 2, 4), SettingsLoader.load().sweep().levels());

      System.setProperty("llm.sweep.levls", "[8]");
      ConfigException e = assertThrows(ConfigException.class, SettingsLoader::load, "a -D typo must not be ignored silently");
      assertEquals("llm.sweep.levls: unknown key (did you mean llm.sweep.levels?); every key is listed in README.md, section Configuration",
          e.getMessage());
    } finally {
      System.setProperties(saved);
    }
  }

  @Test
  void nullInExtraBodyPassesThroughAsJsonNull() {
    overrides.put("llm.request.extraBody.stop", null);
    try {
      Map<String, Object> extra = load().request().extraBody();
      assertTrue(extra.containsKey("stop") && extra.get("stop") == null, "passed through as JSON null");
    } catch (ConfigException e) {
      assertEquals("llm.request.extraBody.stop", e.key());
    }
  }

  @Test
  void tlsDefaultsAndAMissingTrustStoreNamesThePath() {
    assertEquals(TlsSettings.defaults(), load().target().tls());
    overrides.put("llm.target.insecureTls", "true");
    assertTrue(load().target().tls().insecure());
    ConfigException e = fails("llm.target.trustStore", "no/such/trust.p12");
    assertTrue(e.getMessage().startsWith("llm.target.trustStore: invalid value \"no/such/trust.p12\" (no trust store file at /"), e.getMessage());
  }

  @Test
  void usersMayAddSimulatorPresetsButNotMistypeOtherServerKeys() throws IOException {
    write("sim.conf", "llm.server.presets.my-box = ${llm.server.presets.fast} { decodeBaseMs = 12.0 }\n");
    overrides.put("llm.profile", "sim");
    assertEquals(12.0, load().server().getDouble("presets.my-box.decodeBaseMs"));
    assertEquals("llm.server.maxNumSeq: unknown key (did you mean llm.server.maxNumSeqs?); every key is listed in README.md, section Configuration",
        fails("llm.server.maxNumSeq", 64).getMessage());
  }

  @Test
  void anIncompleteUserPresetNamesTheMissingKey() throws IOException {
    write("sim.conf", "llm.server.presets.my-box { decodeBaseMs = 12.0 }\n");
    ConfigException e = fails("llm.profile", "sim");
    assertTrue(e.getMessage().startsWith("llm.server.presets.my-box."), e.getMessage());
    assertTrue(e.getMessage().endsWith(": invalid value \"\" (must be set)"), e.getMessage());
  }

  // ---- llm.http ----

  @Test
  void realtimeEventLoopsAreAskedFor() {
    assertTrue(load("llm.http.realtimeEventLoops", "true").http().realtimeEventLoops());
  }

  @Test
  void keepAliveIdle() {
    assertEquals(Duration.ofSeconds(10), load("llm.http.keepAliveIdle", "10s").http().keepAliveIdle());
    assertEquals(Duration.ofSeconds(1), load("llm.http.keepAliveIdle", "1s").http().keepAliveIdle(), "1s is allowed");
    assertEquals(Duration.ofMillis(1500), load("llm.http.keepAliveIdle", 1500).http().keepAliveIdle(), "a bare number is milliseconds");
  }

  @Test
  void keepAliveIdleBelowOneSecond() {
    ConfigException e = fails("llm.http.keepAliveIdle", "999ms");
    assertEquals("llm.http.keepAliveIdle", e.key());
    assertEquals("llm.http.keepAliveIdle: invalid value PT0.999S (must be at least 1s)", e.getMessage());
    assertEquals("llm.http.keepAliveIdle: invalid value PT0S (must be at least 1s)", fails("llm.http.keepAliveIdle", "0s").getMessage());
    assertEquals("llm.http.keepAliveIdle: invalid value \"soon\" (" + RULE_DURATION + ")", fails("llm.http.keepAliveIdle", "soon").getMessage());
  }

  @Test
  void keepAliveIdleFromAProfile() throws IOException {
    write("lan.conf", "llm.http { keepAliveIdle = 60s }\n");
    assertEquals(Duration.ofSeconds(60), load("llm.profile", "lan").http().keepAliveIdle());
  }

  // ---- -D values: text given the type the user meant ----

  private LlmSettings loadCommandLine(String... keysAndValues) {
    return loadCommandLine(Map.of(), keysAndValues);
  }

  private LlmSettings loadCommandLine(Map<String, String> env, String... keysAndValues) {
    Properties commandLine = new Properties();
    commandLine.setProperty("llm.userFiles", userFiles.toString());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      commandLine.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return SettingsLoader.loadForTest(commandLine, env);
  }

  @Test
  void commandLineExtraBodyScalarsAreTyped() {
    Map<String, Object> extra = loadCommandLine(
        "llm.request.extraBody.temperature", "1.5",
        "llm.request.extraBody.n", "2",
        "llm.request.extraBody.big", "5000000000",
        "llm.request.extraBody.logprobs", "true",
        "llm.request.extraBody.stop", "null",
        "llm.request.extraBody.user", "alice",
        "llm.request.extraBody.seed", "\"42\"").request().extraBody();

    assertEquals(1.5, extra.get("temperature"));
    assertEquals(2, extra.get("n"));
    assertEquals(5_000_000_000L, extra.get("big"));
    assertEquals(true, extra.get("logprobs"));
    assertTrue(extra.containsKey("stop") && extra.get("stop") == null, extra.toString());
    assertEquals("alice", extra.get("user"));
    assertEquals("42", extra.get("seed"), "the quoting rule: a quoted value stays text");
  }

  @Test
  void commandLineListsAndObjectsForTheOtherKeys() {
    LlmSettings s = loadCommandLine(Map.of("B_KEY", "k"),
        "llm.sweep.levels", "[1, 8, 32]",
        "llm.target.apiKeyEnv", "[\"A_KEY\", B_KEY]",
        "llm.server.models", "[m1, \"org/m2\"]",
        "llm.server.faults", "[{fault = cut, afterTokens = 3}, {\"fault\": \"http-429\", \"probability\": 0.5}]",
        "llm.server.outputLength", "{distribution = fixed, meanTokens = 33}",
        "llm.server.maxNumSeqs", "null");

    assertEquals(List.of(1, 8, 32), s.sweep().levels());
    assertEquals("env B_KEY", s.target().apiKey().orElseThrow().source(), "A_KEY is unset, B_KEY is the list's second name");
    dev.llmload.server.ServerSettings server = dev.llmload.server.ServerSettings.fromConfig(s.server());
    assertEquals(List.of("m1", "org/m2"), server.models());
    assertEquals(2, server.faults().size());
    assertEquals(3, server.faults().get(0).afterTokens());
    assertEquals(0.5, server.faults().get(1).probability());
    assertEquals(33, server.outputLength().meanTokens());
    assertEquals(dev.llmload.server.text.OutputLength.Distribution.FIXED, server.outputLength().distribution());
    assertEquals(32, server.engine().maxNumSeqs(), "null: the preset's value");
  }

  @Test
  void commandLineTextStaysTextWhereTextBelongs() {
    LlmSettings s = loadCommandLine("llm.request.prompt", "{\"looks\": \"like JSON\"}", "llm.target.model", "[bracketed]",
        "llm.request.extraBody.note", "\"{not json\"");
    assertEquals("{\"looks\": \"like JSON\"}", s.request().prompt());
    assertEquals(Optional.of("[bracketed]"), s.target().model());
    assertEquals("{not json", s.request().extraBody().get("note"), "under extraBody, quoting keeps a brace as text");
  }

  @Test
  void commandLineMalformedStructureNamesTheKey() {
    assertEquals("llm.request.extraBody.note: invalid value \"{not json\" (must be a JSON or HOCON object such as "
        + "{\"temperature\":0.7} or {temperature=0.7, top_p=0.9}; Key 'not json' may not be followed by token: end of file)",
        assertThrows(ConfigException.class, () -> loadCommandLine("llm.request.extraBody.note", "{not json")).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> loadCommandLine("llm.sweep.levels", "[1,2")).getMessage()
        .startsWith("llm.sweep.levels: invalid value \"[1,2\" (must be a JSON or HOCON list such as [1,2,4] or [\"a\",\"b\"]; "));
  }

  @Test
  void commandLineNullUnsetsAKey() {
    assertEquals(Optional.empty(), loadCommandLine("llm.target.model", "null").target().model());
    assertEquals("llm.request.maxTokens: invalid value \"\" (must be set)",
        assertThrows(ConfigException.class, () -> loadCommandLine("llm.request.maxTokens", "null")).getMessage());
  }

  @Test
  void commandLineObjectGivenBothWholeAndKeyByKeyIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loadCommandLine("llm.request.extraBody", "{temperature=1.5}", "llm.request.extraBody.top_p", "0.9"));
    assertEquals("llm.request.extraBody: given both whole (-Dllm.request.extraBody=...) and key by key "
        + "(-Dllm.request.extraBody.top_p=...), and the whole value would be dropped; use one form", e.getMessage());
  }

  @Test
  void commandLineWholeObjectMergesWithTheProfileKeyByKey() throws IOException {
    write("sampling.conf", "llm.request.extraBody { top_p = 0.9, temperature = 0.1 }\n");
    Map<String, Object> extra = loadCommandLine("llm.profile", "sampling", "llm.request.extraBody", "{\"temperature\": 1.5}")
        .request().extraBody();
    assertEquals(Map.of("top_p", 0.9, "temperature", 1.5), extra);
  }

  @Test
  void realSystemPropertiesAreTypedToo() {
    Properties saved = (Properties) System.getProperties().clone();
    try {
      System.setProperty("llm.userFiles", userFiles.toString());
      System.setProperty("llm.request.extraBody.temperature", "1.5");
      System.setProperty("llm.request.extraBody.stop", "[\"\\n\"]");
      Map<String, Object> extra = SettingsLoader.load().request().extraBody();
      assertEquals(1.5, extra.get("temperature"));
      assertEquals(List.of("\n"), extra.get("stop"));
    } finally {
      System.setProperties(saved);
    }
  }

  // ---- replicas: several base URLs of one model ----

  @Test
  void baseUrlsListTheReplicasInOrder() {
    overrides.put("llm.target.baseUrls", List.of("http://127.0.0.1:8001/v1/", " http://127.0.0.1:8002/v1"));
    TargetSettings t = load().target();
    assertEquals(List.of(URI.create("http://127.0.0.1:8001/v1"), URI.create("http://127.0.0.1:8002/v1")), t.baseUrls());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:8001/v1")), t.baseUrl(), "baseUrl is the first replica");
    assertTrue(t.replicated());
    assertFalse(t.embedded());
    assertEquals(Balancing.ROUND_ROBIN, t.balancing(), "the default rule");
  }

  @Test
  void oneBaseUrlIsOneReplica() {
    TargetSettings t = load("llm.target.baseUrl", "http://127.0.0.1:8000/v1").target();
    assertEquals(List.of(URI.create("http://127.0.0.1:8000/v1")), t.baseUrls());
    assertFalse(t.replicated());
    assertEquals(List.of(), load("llm.target.baseUrl", null).target().baseUrls(), "embedded: none");
  }

  @Test
  void baseUrlsAndBalancingFromTheCommandLine() {
    TargetSettings t = loadCommandLine("llm.target.baseUrls", "http://127.0.0.1:8001/v1,http://127.0.0.1:8002/v1",
        "llm.target.balancing", "least-outstanding").target();
    assertEquals(2, t.baseUrls().size());
    assertEquals(Balancing.LEAST_OUTSTANDING, t.balancing());
    TargetSettings quoted = loadCommandLine("llm.target.baseUrls", "[\"http://127.0.0.1:8001/v1\", \"http://127.0.0.1:8002/v1\"]").target();
    assertEquals(t.baseUrls(), quoted.baseUrls());
  }

  @Test
  void baseUrlAndBaseUrlsTogetherAreRefused() {
    overrides.put("llm.target.baseUrl", "http://127.0.0.1:8000/v1");
    ConfigException e = fails("llm.target.baseUrls", List.of("http://127.0.0.1:8001/v1", "http://127.0.0.1:8002/v1"));
    assertEquals("llm.target.baseUrls: cannot be set together with llm.target.baseUrl; set baseUrl for one server, or list every "
        + "replica in baseUrls and unset baseUrl", e.getMessage());
  }

  @Test
  void aReplicaListedTwiceIsRefused() {
    ConfigException e = fails("llm.target.baseUrls", List.of("http://127.0.0.1:8001/v1", "http://127.0.0.1:8001/v1/"));
    assertEquals("llm.target.baseUrls: invalid value \"http://127.0.0.1:8001/v1/\" (must list each base URL once)", e.getMessage());
  }

  @Test
  void aBadReplicaUrlNamesTheListKey() {
    ConfigException e = fails("llm.target.baseUrls", List.of("http://127.0.0.1:8001/v1", "127.0.0.1:8002"));
    assertEquals("llm.target.baseUrls", e.key());
    assertEquals("llm.target.baseUrls: invalid value \"127.0.0.1:8002\" (" + RULE_URL + ")", e.getMessage());
  }

  @Test
  void anUnknownBalancingRuleListsTheValidOnes() {
    ConfigException e = fails("llm.target.balancing", "fastest");
    assertEquals("llm.target.balancing: invalid value \"fastest\" (must be one of round-robin, least-outstanding)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 17})
  void embeddedReplicasAreOneToSixteen(int replicas) {
    ConfigException e = fails("llm.server.replicas", replicas);
    assertEquals("llm.server.replicas must be between 1 and 16, was " + replicas, e.getMessage());
  }
}
