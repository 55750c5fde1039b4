package dev.llmload.workload.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Api;
import dev.llmload.config.SyntheticText;
import dev.llmload.config.TlsSettings;
import dev.llmload.config.TokenLength;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.tokens.ServerTokenizer;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random-token prompts: ids of the server's vocabulary (what its {@code /tokenize} gave our words), detokenized by the
 * server, composed to the requested length as the server counts it - against the simulator's {@code /tokenize} and
 * {@code /detokenize}; without them, words and a line saying so.
 */
class RandomTokenTextTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  @Test
  void completionsPromptsOfRandomServerTokensMeetTheirLength() {
    try (SimulatedServer sim = SimulatedServer.start(TestServers.quick())) {
      String model = sim.settings().models().get(0);
      ServerTokenizer tokenizer = ServerTokenizer.detect(URI.create(sim.baseUrl()), model, Optional.empty(), TlsSettings.defaults(),
          Duration.ofSeconds(10)).found().orElseThrow();
      SyntheticPrompts source = new SyntheticPrompts(TokenLength.parse("k", "uniform(200, 1200)"), SyntheticText.RANDOM_TOKENS, true, 7);
      Preparation preparation = Preparation.with(Api.COMPLETIONS, model, tokenizer);
      source.prepare(preparation);
      List<String> lines = preparation.calibration();
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("random-token text: 64 fragments of 16 ids drawn from ")), lines.toString());
      assertTrue(lines.get(lines.size() - 1).endsWith("(exact)"), lines.toString());
      Set<String> words = new HashSet<>(Vocabulary.shippedWords());
      Set<String> starts = new HashSet<>();
      for (int i = 0; i < 50; i++) {
        PlannedRequest r = source.next(LEVEL);
        assertEquals(r.inputTokens(), PromptTokenizer.completionPromptTokens(r.prompt()), "usage.prompt_tokens the simulator will report");
        assertEquals(Map.of("synthetic", "uniform(200, 1200)", "text", "random-tokens"), r.labels());
        String[] pieces = r.prompt().split(" ");
        long notWords = java.util.Arrays.stream(pieces).filter(p -> !words.contains(p)).count();
        assertTrue(notWords > pieces.length / 5, "pieces of random tokens (\"stre\", \"ente\"), not only our words: " + r.prompt());
        starts.add(String.join(" ", java.util.Arrays.copyOf(pieces, 8))); // the unique start: 40 bits in one-token words
      }
      assertEquals(50, starts.size(), "unique from their first words on");
    }
  }

  @Test
  void withoutTheServersTokenizerTheWordsAreUsedAndTheLineSaysSo() {
    SyntheticPrompts source = new SyntheticPrompts(new TokenLength.Fixed(300), SyntheticText.RANDOM_TOKENS, true, 7);
    Preparation preparation = Preparation.with(Api.CHAT, "m", new SimulatorCounter());
    source.prepare(preparation);
    assertTrue(preparation.calibration().stream().anyMatch(l -> l.contains("random-token text needs the server's POST /tokenize and "
        + "/detokenize") && l.endsWith("composing from the word list instead")), preparation.calibration().toString());
    PlannedRequest r = source.next(LEVEL);
    assertEquals(300, PromptTokenizer.chatPromptTokens(List.of(r.prompt())));
    assertFalse(r.prompt().isBlank());
  }
}
