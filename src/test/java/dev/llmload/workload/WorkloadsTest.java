package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.ConfigException;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

  private static LlmSettings settings(Map<String, ?> overrides) {
    return SettingsLoader.loadForTest(overrides, Map.of());
  }

  @Test
  void theSweepIsClosedWithOneLevelPerConcurrency() {
    Workload w = Workloads.concurrencySweep(settings(Map.of("llm.sweep.levels", List.of(1, 8))));
    assertInstanceOf(Workload.Closed.class, w);
    assertEquals(List.of("c=1", "c=8"), w.schedule().levels().stream().map(LoadLevel::label).toList());
    assertEquals(LevelKind.CONCURRENCY, w.schedule().level(1).kind());
  }

  @Test
  void constantConcurrencyIsOneClosedLevel() {
    Workload w = Workloads.constantConcurrency(settings(Map.of("llm.workload.concurrency", 3, "llm.workload.duration", "20s",
        "llm.workload.warmup", "2s")));
    assertInstanceOf(Workload.Closed.class, w);
    LoadLevel l = w.schedule().level(0);
    assertEquals(3, l.users());
    assertEquals(Duration.ofSeconds(22), l.total());
  }

  @Test
  void constantRateIsOneOpenLevelWithItsArrivals() {
    Workload.Open w = (Workload.Open) Workloads.constantRate(settings(Map.of("llm.workload.rate", 2.5, "llm.workload.arrivals", "uniform",
        "llm.workload.maxInFlight", 4)));
    LoadLevel l = w.schedule().level(0);
    assertEquals(LevelKind.RATE, l.kind());
    assertEquals("2.5/s", l.label());
    assertEquals(Arrivals.Process.UNIFORM, w.arrivals().process());
    assertEquals(4, w.maxInFlight());
  }

  @Test
  void aRequestCountSetsTheLevelsLengthToItsLastArrival() {
    Workload.Open w = (Workload.Open) Workloads.constantRate(settings(Map.of("llm.workload.rate", 10, "llm.workload.arrivals", "uniform",
        "llm.workload.requests", 25, "llm.workload.warmup", "1s")));
    // 25 arrivals 100 ms apart: the last at 2.4 s, so the level lasts 3 s: 1 s warm-up + 2 s measured
    assertEquals(Duration.ofSeconds(2), w.schedule().level(0).measured());
    assertEquals(25, w.maxRequests());
  }

  @Test
  void closedLevelsAreWholeSeconds() {
    ConfigException e = assertThrows(ConfigException.class, () -> settings(Map.of("llm.sweep.levelDuration", "2500ms")));
    assertTrue(e.getMessage().contains("llm.sweep.levelDuration") && e.getMessage().contains("whole seconds"), e.getMessage());
  }

  @Test
  void levelKindsAndLabels() {
    assertEquals("rate", LevelKind.RATE.jsonName());
    assertTrue(LevelKind.STEP.closed());
    assertEquals("0.333/s", LoadLevel.rate(0, 1.0 / 3, Duration.ZERO, Duration.ofSeconds(1)).label());
    assertEquals("large", LoadLevel.step(0, "large", 1, Duration.ZERO, Duration.ofSeconds(1)).label());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LoadLevel.rate(0, 2, Duration.ZERO, Duration.ofSeconds(1)).users());
    assertEquals("level 2/s is open: it has a rate, not users", e.getMessage());
  }

  @Test
  void theProbeHasOneStepPerPromptFileWithItsPromptAndLabel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("prompts"));
    java.nio.file.Files.writeString(dir.resolve("prompts/tiny.txt"), "Hi?\n");
    java.nio.file.Files.writeString(dir.resolve("prompts/page.txt"), "A page of text.");
    Workload w = Workloads.probe(settings(Map.of("llm.userFiles", dir.toString(), "llm.probe.steps", List.of("tiny", "page"),
        "llm.probe.stepDuration", "4s")));
    assertEquals(List.of("tiny", "page"), w.schedule().levels().stream().map(LoadLevel::label).toList());
    LoadLevel page = w.schedule().level(1);
    assertEquals(LevelKind.STEP, page.kind());
    assertEquals(1, page.users());
    RequestSource.PlannedRequest request = w.requests().next(page);
    assertTrue(request.prompt().endsWith(" | A page of text."), request.prompt());
    assertEquals(Map.of("step", "page"), request.labels());
    assertTrue(w.requests().next(w.schedule().level(0)).prompt().endsWith(" | Hi?"));
  }

  @Test
  void aMissingProbePromptNamesTheKeyAndTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> Workloads.probe(settings(Map.of("llm.userFiles", dir.toString(),
        "llm.probe.steps", List.of("huge")))));
    assertTrue(e.getMessage().startsWith("llm.probe.steps: invalid value \"huge\" (no readable prompt file at "), e.getMessage());
    assertTrue(e.getMessage().contains("prompts/huge.txt"), e.getMessage());
  }

  @Test
  void everyPromptStartsWithItsOwnTagByDefault() {
    Workload w = Workloads.constantConcurrency(settings(Map.of("llm.request.prompt", "Explain batching.")));
    LoadLevel level = w.schedule().level(0);
    java.util.Set<String> tags = new java.util.HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String prompt = w.requests().next(level).prompt();
      assertTrue(prompt.matches("[0-9a-f]{16} \\| Explain batching\\."), prompt);
      tags.add(prompt.substring(0, 16));
    }
    assertEquals(10_000, tags.size(), "no two requests share a tag");
    Workload again = Workloads.constantConcurrency(settings(Map.of("llm.request.prompt", "Explain batching.")));
    Workload first = Workloads.constantConcurrency(settings(Map.of("llm.request.prompt", "Explain batching.")));
    assertEquals(first.requests().next(level).prompt(), again.requests().next(level).prompt(), "the same seed, the same tags");
  }

  @Test
  void theSamePromptEveryTimeWhenAskedFor() {
    Workload w = Workloads.concurrencySweep(settings(Map.of("llm.request.prompt", "Explain batching.", "llm.request.uniquePrompts", false)));
    assertEquals("Explain batching.", w.requests().next(w.schedule().level(0)).prompt());
    assertEquals("Explain batching.", w.requests().next(w.schedule().level(0)).prompt());
  }

  @Test
  void aDatasetReplacesThePromptAndKeepsTheUniqueTags(@org.junit.jupiter.api.io.TempDir java.nio.file.Path userFiles) throws Exception {
    java.nio.file.Files.createDirectories(userFiles.resolve("datasets"));
    java.nio.file.Files.writeString(userFiles.resolve("datasets/d.jsonl"), "{\"prompt\": \"one\"}\n{\"prompt\": \"two\"}\n");
    Map<String, Object> overrides = Map.of("llm.userFiles", userFiles.toString(), "llm.request.dataset", "datasets/d.jsonl");
    LoadLevel level = Workloads.constantConcurrency(settings(overrides)).schedule().level(0);

    RequestSource tagged = Workloads.constantConcurrency(settings(overrides)).requests();
    List<RequestSource.PlannedRequest> r = List.of(tagged.next(level), tagged.next(level), tagged.next(level));
    assertTrue(r.get(0).prompt().matches("[0-9a-f]{16} \\| one"), r.get(0).prompt());
    assertTrue(r.get(1).prompt().endsWith(" | two") && r.get(2).prompt().endsWith(" | one"), r.toString());
    assertEquals(Map.of("dataset", "d.jsonl"), r.get(0).labels());

    Map<String, Object> plain = new java.util.HashMap<>(overrides);
    plain.put("llm.request.uniquePrompts", false);
    RequestSource same = Workloads.constantConcurrency(settings(plain)).requests();
    assertEquals(List.of("one", "two", "one"), List.of(same.next(level).prompt(), same.next(level).prompt(), same.next(level).prompt()));
  }

  @Test
  void aMalformedDatasetFailsWhenTheWorkloadIsBuilt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path userFiles) throws Exception {
    java.nio.file.Files.writeString(userFiles.resolve("d.jsonl"), "{\"prompt\": \"one\"}\n{\"text\": \"two\"}\n");
    LlmSettings s = settings(Map.of("llm.userFiles", userFiles.toString(), "llm.request.dataset", "d.jsonl"));
    ConfigException e = assertThrows(ConfigException.class, () -> Workloads.constantRate(s));
    assertEquals("llm.request.dataset: d.jsonl line 2: no \"prompt\" or \"messages\"", e.getMessage());
  }

  @Test
  void syntheticPromptsAreUniqueByConstructionAndDrawnOutputsWrapAnySource() {
    Workload w = Workloads.constantConcurrency(settings(Map.of("llm.request.synthetic.inputTokens", "uniform(100, 200)")));
    assertInstanceOf(dev.llmload.workload.synthetic.SyntheticPrompts.class, w.requests(), "no hex tag on top of the unique start");
    Workload both = Workloads.concurrencySweep(settings(Map.of("llm.request.synthetic.inputTokens", 300,
        "llm.request.synthetic.outputTokens", "weighted(8: 1)")));
    assertInstanceOf(dev.llmload.workload.synthetic.OutputLengths.class, both.requests());
    Workload tagged = Workloads.concurrencySweep(settings(Map.of("llm.request.synthetic.outputTokens", 9)));
    both.requests().prepare(Preparation.with(dev.llmload.config.Api.CHAT, "m", new dev.llmload.tokens.EstimatedTokenCounter("test")));
    RequestSource.PlannedRequest r = both.requests().next(both.schedule().level(0));
    assertEquals(8, r.maxTokens());
    assertEquals(300, r.inputTokens());
    assertEquals(9, tagged.requests().next(tagged.schedule().level(0)).maxTokens());
    assertTrue(tagged.requests().next(tagged.schedule().level(0)).prompt().matches("[0-9a-f]{16} \\| .*"), "the configured prompt, tagged");
  }

  @Test
  void aPromptSetIsLabelledAndCountedWithItsTag() throws java.io.IOException {
    java.nio.file.Path userFiles = java.nio.file.Files.createTempDirectory("user-files");
    java.nio.file.Files.createDirectories(userFiles.resolve("prompts"));
    java.nio.file.Files.writeString(userFiles.resolve("prompts/large.txt"), "A page of text about servers.");
    Workload w = Workloads.concurrencySweep(settings(Map.of("llm.userFiles", userFiles.toString(), "llm.request.promptSet", "large")));
    dev.llmload.tokens.EstimatedTokenCounter cl100k = new dev.llmload.tokens.EstimatedTokenCounter("test");
    Preparation preparation = Preparation.with(dev.llmload.config.Api.CHAT, "m", cl100k);
    w.requests().prepare(preparation);
    RequestSource.PlannedRequest r = w.requests().next(w.schedule().level(0));
    assertEquals(Map.of("promptSet", "large"), r.labels());
    assertTrue(r.prompt().endsWith("A page of text about servers."), r.prompt());
    assertEquals(cl100k.count(r.prompt()), r.inputTokens(), 2, "the text and its tag, as the estimate counts them");
    assertEquals(2, preparation.calibration().size(), preparation.calibration().toString());
  }

  // ---- conversations ----

  @Test
  void noConversationsByDefault() {
    assertEquals(java.util.Optional.empty(), ((Workload.Closed) Workloads.concurrencySweep(settings(Map.of()))).conversations());
  }

  @Test
  void aConversationsOpeningCarriesTheSharedPrefixBeforeItsTagAndLaterTurnsNeither() {
    Workload.Closed w = (Workload.Closed) Workloads.constantConcurrency(settings(Map.of("llm.request.conversation.turns", 2,
        "llm.request.prompt", "Explain batching.", "llm.request.synthetic.prefixTokens", 32)));
    w.requests().prepare(Preparation.with(dev.llmload.config.Api.CHAT, "m", new dev.llmload.tokens.EstimatedTokenCounter("test")));
    LoadLevel level = w.schedule().level(0);
    dev.llmload.workload.conversations.Conversation conversation = w.conversations().orElseThrow().start(level);
    RequestSource.PlannedRequest first = conversation.nextTurn(level);
    conversation.replied("Batching is...");
    RequestSource.PlannedRequest second = conversation.nextTurn(level);
    assertTrue(first.prompt().matches("[a-z]+( [a-z]+)+ [0-9a-f]{16} \\| Explain batching\\."), "prefix, tag, prompt: " + first.prompt());
    assertEquals("1", first.labels().get("prefixGroup"));
    assertEquals("Explain batching.", second.messages().get(2).content(), "the follow-up: no prefix, no tag");
  }

  @Test
  void conversationsFromThePromptAreTaggedOnTheirFirstMessageOnly() {
    Workload.Closed w = (Workload.Closed) Workloads.constantConcurrency(settings(Map.of("llm.request.conversation.turns", 3,
        "llm.request.conversation.thinkTime", "500ms", "llm.request.prompt", "Explain batching.")));
    dev.llmload.workload.conversations.Conversations c = w.conversations().orElseThrow();
    assertEquals(3, c.turns());
    assertEquals(Duration.ofMillis(500), c.thinkTime());

    LoadLevel level = w.schedule().level(0);
    dev.llmload.workload.conversations.Conversation conversation = c.start(level);
    RequestSource.PlannedRequest first = conversation.nextTurn(level);
    conversation.replied("Batching is...");
    RequestSource.PlannedRequest second = conversation.nextTurn(level);
    assertTrue(first.prompt().matches("[0-9a-f]{16} \\| Explain batching\\."), first.prompt());
    assertEquals("Explain batching.", second.messages().get(2).content(), "the second user turn has no tag");
    assertEquals(first.messages().get(0), second.messages().get(0));
  }

  @Test
  void conversationsFromAShareGptDatasetRunItsHumanTurns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path userFiles) throws Exception {
    java.nio.file.Files.writeString(userFiles.resolve("sg.json"), """
        [{"conversations": [{"from": "human", "value": "One?"}, {"from": "gpt", "value": "1"}, {"from": "human", "value": "Two?"}]}]""");
    Workload.Closed w = (Workload.Closed) Workloads.concurrencySweep(settings(Map.of("llm.userFiles", userFiles.toString(),
        "llm.request.dataset", "sg.json", "llm.request.conversation.turns", 5, "llm.request.conversation.turnsFrom", "dataset",
        "llm.request.uniquePrompts", false)));
    LoadLevel level = w.schedule().level(0);
    dev.llmload.workload.conversations.Conversation c = w.conversations().orElseThrow().start(level);
    assertEquals(2, c.turns(), "the record's two human turns, below the cap of 5");
    assertEquals("One?", c.nextTurn(level).prompt());
  }

  @Test
  void conversationsFromADatasetNeedOne() {
    ConfigException e = assertThrows(ConfigException.class, () -> Workloads.concurrencySweep(settings(Map.of(
        "llm.request.conversation.turns", 2, "llm.request.conversation.turnsFrom", "dataset"))));
    assertEquals("llm.request.conversation.turnsFrom: invalid value \"dataset\" (takes the conversations of a ShareGPT "
        + "llm.request.dataset, and none is set; set one, or turnsFrom = prompts)", e.getMessage());
  }

  @Test
  void workloadsThatStartSingleRequestsRefuseConversationsInOneSentence() {
    LlmSettings s = settings(Map.of("llm.request.conversation.turns", 3));
    assertEquals("llm.request.conversation.turns: invalid value 3 (conversations run in ConcurrencySweep and ConstantConcurrency, "
        + "where each user keeps conversing, and ConstantRate starts single requests at a rate; set it to 0 or run one of those)",
        assertThrows(ConfigException.class, () -> Workloads.constantRate(s)).getMessage());
    assertTrue(assertThrows(ConfigException.class, () -> Workloads.rateSweep(s)).getMessage().contains("RateSweep starts single requests"));
    assertTrue(assertThrows(ConfigException.class, () -> Workloads.probe(s)).getMessage().contains("Probe sends its prompt sizes"));
  }

  @Test
  void conversationSettingsAreChecked() {
    assertEquals("llm.request.conversation.turns: invalid value -1 (must be 0 (no conversations) or a number of turns)",
        assertThrows(ConfigException.class, () -> settings(Map.of("llm.request.conversation.turns", -1))).getMessage());
    assertEquals("llm.request.conversation.turnsFrom: invalid value \"sharegpt\" (must be one of prompts, dataset)",
        assertThrows(ConfigException.class, () -> settings(Map.of("llm.request.conversation.turnsFrom", "sharegpt"))).getMessage());
  }
}
