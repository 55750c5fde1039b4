package dev.llmload.server.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure pieces of the simulated model: tokenizer, generated text, output-length rules. */
class TextAndRulesTest {

  @Test
  void tokenizerCountsFourLettersPerTokenPunctuationAsOneAndSpacesAsNothing() {
    assertEquals(0, PromptTokenizer.count(""));
    assertEquals(0, PromptTokenizer.count("   \n"));
    assertEquals(1, PromptTokenizer.count("cat"));
    assertEquals(1, PromptTokenizer.count("word"));
    assertEquals(2, PromptTokenizer.count("words"));
    assertEquals(4, PromptTokenizer.count("internationally")); // 15 letters
    assertEquals(4, PromptTokenizer.count("Hi, you!"));
    assertEquals(2, PromptTokenizer.count("日本語です")); // 5 letters
    assertEquals(PromptTokenizer.count("a b c"), PromptTokenizer.ids("a b c").length);
    assertEquals(PromptTokenizer.count("Hello, wonderful world! 42"),
        PromptTokenizer.ids("Hello, wonderful world! 42").length);
    // BOS + 4 per message + 3 for the assistant header.
    assertEquals(1 + (4 + 1) + (4 + 2) + 3, PromptTokenizer.chatPromptTokens(List.of("Hi", "Hi!")));
    assertEquals(1 + 1, PromptTokenizer.completionPromptTokens("Hi"));
  }

  @Test
  void promptIdsAreAsManyAsTheCountInPromptOrder() {
    int[] text = PromptTokenizer.completionPromptIds("Hello, world");
    assertEquals(PromptTokenizer.completionPromptTokens("Hello, world"), text.length);
    assertEquals(PromptTokenizer.SPECIAL_BASE, text[0], "BOS first");
    List<String> contents = List.of("You are terse.", "Explain continuous batching, briefly!");
    int[] chat = PromptTokenizer.chatPromptIds(List.of("system", "user"), contents);
    assertEquals(PromptTokenizer.chatPromptTokens(contents), chat.length);
    // Same system message, another user message: the ids agree up to the user's content.
    int[] other = PromptTokenizer.chatPromptIds(List.of("system", "user"), List.of("You are terse.", "Hi"));
    int common = 0;
    while (chat[common] == other[common]) {
      common++;
    }
    assertEquals(1 + 4 + PromptTokenizer.count("You are terse.") + 3, common, "BOS, system turn, user header");
  }

  @Test
  void generatedTextIsDeterministicAndCountsOneTokenPerToken() {
    String a = PseudoText.tokens(7, 0, 200);
    assertEquals(a, PseudoText.tokens(7, 0, 200));
    assertNotEquals(a, PseudoText.tokens(8, 0, 200));
    assertEquals(200, PromptTokenizer.count(a));
    assertEquals(PseudoText.tokens(7, 0, 10) + PseudoText.tokens(7, 10, 5), PseudoText.tokens(7, 0, 15));
    for (int i = 0; i < 1_000; i++) {
      assertEquals(1, PromptTokenizer.count(PseudoText.token(3, i)));
    }
  }

  @Test
  void ignoreEosGeneratesExactlyMaxTokens() {
    OutputLength anything = OutputLength.fixed(5);
    assertEquals(new OutputRules.Decision(100, "length"), OutputRules.decide(anything, 1, 100, 0, true));
  }

  @Test
  void naturalLengthBelowMaxTokensStopsAboveIsCut() {
    assertEquals(new OutputRules.Decision(5, "stop"), OutputRules.decide(OutputLength.fixed(5), 1, 100, 0, false));
    assertEquals(new OutputRules.Decision(4, "length"), OutputRules.decide(OutputLength.fixed(5), 1, 4, 0, false));
    assertEquals(new OutputRules.Decision(5, "length"), OutputRules.decide(OutputLength.fixed(5), 1, 5, 0, false));
  }

  @Test
  void minTokensSuppressesEarlyEos() {
    assertEquals(new OutputRules.Decision(20, "stop"), OutputRules.decide(OutputLength.fixed(5), 1, 100, 20, false));
    assertEquals(new OutputRules.Decision(30, "length"),
        OutputRules.decide(OutputLength.fixed(5), 1, 30, 30, false));
  }

  @Test
  void distributionsHaveTheirShapeAndRepeatPerSeed() {
    OutputLength uniform = new OutputLength(OutputLength.Distribution.UNIFORM, 1, 0, 10, 20);
    OutputLength lognormal = new OutputLength(OutputLength.Distribution.LOGNORMAL, 200, 0.6, 1, 100_000);
    assertEquals(lognormal.sample(99), lognormal.sample(99));
    assertTrue(IntStream.range(0, 5_000).map(uniform::sample).allMatch(n -> n >= 10 && n <= 20));
    assertEquals(11, IntStream.range(0, 5_000).map(uniform::sample).distinct().count());
    double mean = IntStream.range(0, 20_000).map(i -> lognormal.sample(Seeds.mix(i))).average().orElseThrow();
    assertEquals(200, mean, 200 * 0.03, "lognormal mean within 3%");
    OutputLength clamped = new OutputLength(OutputLength.Distribution.LOGNORMAL, 200, 2.0, 50, 300);
    assertTrue(IntStream.range(0, 5_000).map(clamped::sample).allMatch(n -> n >= 50 && n <= 300));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> OutputLength.Distribution.fromConfigName("normal"));
    assertEquals("outputLength.distribution must be one of fixed, uniform, lognormal, was 'normal'",
        bad.getMessage());
  }
}
