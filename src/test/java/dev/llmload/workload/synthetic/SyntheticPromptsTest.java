package dev.llmload.workload.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Api;
import dev.llmload.config.ConfigException;
import dev.llmload.config.TlsSettings;
import dev.llmload.config.TokenLength;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.tokens.EstimatedTokenCounter;
import dev.llmload.tokens.ServerTokenizer;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Synthetic prompts meet their requested length as the server counts it (the chat template included), are unique,
 * and are calibrated in a bounded number of counts - against the simulator's tokenizer, locally and through its
 * {@code POST /tokenize}.
 */
class SyntheticPromptsTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  private static List<PlannedRequest> requests(SyntheticPrompts source, int n) {
    List<PlannedRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(source.next(LEVEL));
    }
    return out;
  }

  @Test
  void everyChatPromptIsTheRequestedLengthAsTheServerCountsIt() {
    SyntheticPrompts source = new SyntheticPrompts(TokenLength.parse("k", "uniform(64, 2048)"), true, 42);
    Preparation preparation = Preparation.with(Api.CHAT, "m", new SimulatorCounter());
    source.prepare(preparation);
    for (PlannedRequest r : requests(source, 300)) {
      assertTrue(r.inputTokens() >= 64 && r.inputTokens() <= 2048, "drawn: " + r.inputTokens());
      assertEquals(r.inputTokens(), PromptTokenizer.chatPromptTokens(List.of(r.prompt())), "usage.prompt_tokens the simulator will report");
      assertEquals(Map.of("synthetic", "uniform(64, 2048)"), r.labels());
      assertEquals(-1, r.maxTokens());
    }
    List<String> lines = preparation.calibration();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("chat template: 8 tokens"), lines.toString());
    assertTrue(lines.get(2).endsWith("(exact)"), lines.toString());
  }

  @Test
  void completionsPromptsCountTheirBos() {
    SyntheticPrompts source = new SyntheticPrompts(new TokenLength.Fixed(100), true, 42);
    source.prepare(Preparation.with(Api.COMPLETIONS, "m", new SimulatorCounter()));
    for (PlannedRequest r : requests(source, 20)) {
      assertEquals(100, PromptTokenizer.completionPromptTokens(r.prompt()));
    }
  }

  @Test
  void promptsAreUniqueFromTheirFirstWordsAndTheSameSeedMakesTheSamePrompts() {
    SyntheticPrompts a = new SyntheticPrompts(new TokenLength.Fixed(200), true, 7);
    SyntheticPrompts b = new SyntheticPrompts(new TokenLength.Fixed(200), true, 7);
    a.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter()));
    b.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter()));
    List<PlannedRequest> ra = requests(a, 500);
    assertEquals(ra.stream().map(PlannedRequest::prompt).toList(), requests(b, 500).stream().map(PlannedRequest::prompt).toList());
    long distinctStarts = ra.stream().map(r -> String.join(" ", java.util.Arrays.copyOf(r.prompt().split(" "), 3))).distinct().count();
    assertEquals(500, distinctStarts, "every prompt differs within its first three words");
  }

  @Test
  void withoutUniquePromptsEveryPromptComesFromOneStream() {
    SyntheticPrompts source = new SyntheticPrompts(TokenLength.parse("k", "uniform(300, 400)"), false, 42);
    source.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter()));
    List<PlannedRequest> rs = requests(source, 10);
    String shortest = rs.stream().map(PlannedRequest::prompt).min(java.util.Comparator.comparingInt(String::length)).orElseThrow();
    String head = shortest.substring(0, shortest.length() / 2);
    assertTrue(rs.stream().allMatch(r -> r.prompt().startsWith(head)), "all share the stream's first words");
    rs.forEach(r -> assertEquals(r.inputTokens(), PromptTokenizer.chatPromptTokens(List.of(r.prompt()))));
  }

  @Test
  void aLengthShorterThanTheTemplateAndTheUniqueStartIsRefusedBeforeAnyLoad() {
    SyntheticPrompts source = new SyntheticPrompts(TokenLength.parse("k", "uniform(10, 100)"), true, 42);
    ConfigException e = assertThrows(ConfigException.class, () -> source.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter())));
    assertTrue(e.getMessage().startsWith("llm.request.synthetic.inputTokens: invalid value \"uniform(10, 100)\"")
        && e.getMessage().contains("8 of the chat template"), e.getMessage());
  }

  @Test
  void theEstimateCountsTextOnlyAndSaysSo() {
    SyntheticPrompts source = new SyntheticPrompts(new TokenLength.Fixed(300), true, 42);
    EstimatedTokenCounter cl100k = new EstimatedTokenCounter("test");
    Preparation preparation = Preparation.with(Api.CHAT, "m", cl100k);
    source.prepare(preparation);
    for (PlannedRequest r : requests(source, 50)) {
      assertEquals(300, cl100k.count(r.prompt()));
    }
    assertTrue(preparation.calibration().get(1).contains("not known to the estimate"), preparation.calibration().toString());
  }

  @Test
  void usedBeforeItWasPreparedFailsClearly() {
    SyntheticPrompts source = new SyntheticPrompts(new TokenLength.Fixed(300), true, 42);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.next(LEVEL));
    assertTrue(e.getMessage().contains("prepare"), e.getMessage());
  }

  /** Calibration against the simulator's own {@code POST /tokenize}: exact, in a bounded number of requests. */
  @Test
  void calibratedAgainstTheSimulatorsTokenize() {
    try (SimulatedServer sim = SimulatedServer.start(TestServers.quick())) {
      String model = sim.settings().models().get(0);
      ServerTokenizer tokenizer = ServerTokenizer.detect(URI.create(sim.baseUrl()), model, Optional.empty(), TlsSettings.defaults(),
          Duration.ofSeconds(10)).found().orElseThrow();
      SyntheticPrompts source = new SyntheticPrompts(TokenLength.parse("k", "normal(1000, 200)"), true, 42);
      Preparation preparation = Preparation.with(Api.CHAT, model, tokenizer);
      source.prepare(preparation);
      assertTrue(tokenizer.calls() <= SyntheticPrompts.CALIBRATION_BUDGET + 2 + SyntheticPrompts.SAMPLES + 5, "requests: " + tokenizer.calls());
      assertTrue(preparation.calibration().get(2).endsWith("(exact)"), preparation.calibration().toString());
      for (PlannedRequest r : requests(source, 100)) {
        assertEquals(r.inputTokens(), PromptTokenizer.chatPromptTokens(List.of(r.prompt())));
      }
    }
  }
}
