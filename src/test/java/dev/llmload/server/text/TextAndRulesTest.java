package dev.llmload.server.text;

import static dev.llmload.server.faults.FaultPicker.Arrival.FRESH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.faults.FaultPicker;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.faults.StaleDrops;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pure pieces: tokenizer, generated text, output-length rules, fault specs and picking. */
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

  @Test
  void faultSpecsParseAndFailClearly() {
    assertEquals(FaultRule.always(FaultKind.CUT).withAfterTokens(5),
        FaultRule.fromModelName("fault/cut/after=5").orElseThrow());
    assertEquals(FaultRule.always(FaultKind.STALL_MID_STREAM).withAfterTokens(3).withStallMillis(2_000)
        .withProbability(0.1), FaultRule.parseSpec("stall-mid-stream/after=3/stallMs=2000/p=0.1"));
    assertEquals(Optional.empty(), FaultRule.fromModelName("sim-fast"));
    FaultRule rule = FaultRule.forModel("m", FaultKind.MALFORMED_CHUNK).withAfterTokens(2);
    assertEquals(rule.withProbability(1.0), FaultRule.parseSpec(rule.toSpec()).withModel("m"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> FaultRule.parseSpec("cut/later=3"));
    assertTrue(unknown.getMessage().contains("unknown parameter 'later'"), unknown.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> FaultRule.parseSpec("cut/p=2"));
    assertTrue(p.getMessage().contains("fault probability must be between 0 and 1, was 2.0"), p.getMessage());
  }

  @Test
  void faultPickerTriesRulesInOrderAndRollsPerRequest() {
    FaultPicker picker = new FaultPicker(List.of(
        FaultRule.forModel("a", FaultKind.HTTP_429),
        FaultRule.always(FaultKind.HTTP_500).withProbability(0.3)), 42);
    assertEquals(FaultKind.HTTP_429, picker.pick("a", Optional.empty(), "r1", 1, FRESH).orElseThrow().kind());
    long hits = IntStream.range(0, 10_000)
        .filter(i -> picker.pick("b", Optional.empty(), "r" + i, 1, FRESH).isPresent()).count();
    assertEquals(3_000, hits, 300);
    assertEquals(picker.pick("b", Optional.empty(), "same", 1, FRESH),
        picker.pick("b", Optional.empty(), "same", 1, FRESH));
    FaultRule requested = FaultRule.always(FaultKind.CUT);
    assertEquals(Optional.of(requested), picker.pick("a", Optional.of(requested), "r1", 1, FRESH),
        "a requested fault replaces the rules");
  }

  @Test
  void staleConnectionAppliesOnlyToReusedConnectionsAndADroppedRequestRollsAgain() {
    FaultRule stale = FaultRule.always(FaultKind.STALE_CONNECTION).withProbability(0.3);
    FaultPicker picker = new FaultPicker(List.of(stale, FaultRule.always(FaultKind.HTTP_500)), 42);
    FaultPicker.Arrival reused = new FaultPicker.Arrival(true, 0);
    assertEquals(FaultKind.HTTP_500, picker.pick("m", Optional.empty(), "r1", 1, FRESH).orElseThrow().kind(),
        "skipped on a fresh connection: the next rule applies");
    long hits = IntStream.range(0, 10_000)
        .filter(i -> picker.pick("m", Optional.empty(), "r" + i, 1, reused).orElseThrow().equals(stale)).count();
    assertEquals(3_000, hits, 300);
    // A dropped request keeps its attempt number; its re-sends roll afresh, so about 30 % of them hit again.
    long again = IntStream.range(0, 10_000)
        .filter(i -> picker.pick("m", Optional.empty(), "r" + i, 1, reused).orElseThrow().equals(stale))
        .filter(i -> picker.pick("m", Optional.empty(), "r" + i, 1, new FaultPicker.Arrival(true, 1))
            .orElseThrow().equals(stale))
        .count();
    assertEquals(0.3 * hits, again, 0.1 * hits);
    FaultRule requested = FaultRule.always(FaultKind.STALE_CONNECTION);
    assertEquals(Optional.empty(), picker.pick("m", Optional.of(requested), "r1", 1, FRESH));
    assertEquals(Optional.of(requested), picker.pick("m", Optional.of(requested), "r1", 1, reused));
    assertEquals(FaultKind.STALE_CONNECTION, FaultRule.parseSpec("stale-connection/p=0.3").kind());
  }

  @Test
  void staleDropsAreCountedPerIdAndBounded() {
    StaleDrops drops = new StaleDrops(2);
    drops.dropped("a");
    drops.dropped("a");
    drops.dropped("b");
    assertEquals(2, drops.count("a"));
    drops.dropped("c");
    assertEquals(0, drops.count("a"), "the oldest id dropped is forgotten first");
    assertEquals(1, drops.count("b"));
    assertThrows(IllegalArgumentException.class, () -> new StaleDrops(0));
  }
}
