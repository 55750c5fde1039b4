package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Api;
import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.tokens.EstimatedTokenCounter;
import dev.llmload.tokens.TokenCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The prompt sets that ship in {@code user-files/prompts}, and a prompt set's length counted as the server counts it. */
class PromptSetSourceTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));
  private static final EstimatedTokenCounter CL100K = new EstimatedTokenCounter("test");

  private static String shipped(String name) {
    LlmSettings s = SettingsLoader.loadForTest(Map.of("llm.request.promptSet", name), Map.of());
    return s.request().promptSet().orElseThrow().text();
  }

  /** The simulator's tokenizer, with its chat template. */
  private static final TokenCounter SIMULATOR = new TokenCounter() {
    @Override
    public int count(String text) {
      return PromptTokenizer.count(text);
    }

    @Override
    public OptionalInt promptTokens(Api api, String text) {
      return OptionalInt.of(api == Api.CHAT ? PromptTokenizer.chatPromptTokens(List.of(text)) : PromptTokenizer.completionPromptTokens(text));
    }

    @Override
    public String source() {
      return "simulator";
    }
  };

  @Test
  void theLongSetsAreAbout2000And4000Tokens() {
    int twoK = CL100K.count(shipped("long-2k"));
    int fourK = CL100K.count(shipped("long-4k"));
    assertTrue(twoK >= 1900 && twoK <= 2100, "long-2k, cl100k: " + twoK);
    assertTrue(fourK >= 3800 && fourK <= 4200, "long-4k, cl100k: " + fourK);
    assertTrue(shipped("long-2k").strip().endsWith("Keep the answer under two hundred words."), "a document, then its question");
    for (String name : List.of("small", "medium", "large")) {
      assertTrue(CL100K.count(shipped(name)) < CL100K.count(shipped("long-2k")), name);
    }
  }

  @Test
  void itsLengthIsTheWholePromptAsTheServerCountsIt() {
    String text = shipped("large");
    PromptSetSource source = new PromptSetSource("large", text);
    Preparation chat = Preparation.with(Api.CHAT, "m", SIMULATOR);
    source.prepare(chat);
    RequestSource.PlannedRequest r = source.next(LEVEL);
    assertEquals(PromptTokenizer.chatPromptTokens(List.of(text)), r.inputTokens(), "the chat template included");
    assertEquals(Map.of("promptSet", "large"), r.labels());
    assertTrue(chat.calibration().get(0).startsWith("prompt set large: "), chat.calibration().toString());
    PromptSetSource completions = new PromptSetSource("large", text);
    completions.prepare(Preparation.with(Api.COMPLETIONS, "m", SIMULATOR));
    assertEquals(PromptTokenizer.completionPromptTokens(text), completions.next(LEVEL).inputTokens(), "BOS included");
  }

  @Test
  void withUniqueTagsItsLengthGrowsByTheTagAsTheServerCountsIt() {
    String text = shipped("medium");
    RequestSource unique = RequestSource.unique(new PromptSetSource("medium", text), 42);
    unique.prepare(Preparation.with(Api.CHAT, "m", SIMULATOR));
    for (int i = 0; i < 20; i++) {
      RequestSource.PlannedRequest r = unique.next(LEVEL);
      assertEquals(PromptTokenizer.chatPromptTokens(List.of(r.prompt())), r.inputTokens(), r.prompt());
    }
  }
}
