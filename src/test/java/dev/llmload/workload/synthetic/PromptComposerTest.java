package dev.llmload.workload.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.tokens.EstimatedTokenCounter;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Texts of exact token counts, unique from their first word on. */
class PromptComposerTest {

  private static final PromptComposer SIMULATOR = new PromptComposer(Vocabulary.calibrate(new SimulatorCounter(), Vocabulary.shippedWords(), 256), 42);

  @Test
  void everyTextHasExactlyTheTokensAskedFor() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 500; i++) {
      int tokens = SIMULATOR.tagTokens() + r.nextInt(3000);
      String text = SIMULATOR.compose(tokens, i, r);
      assertEquals(tokens, PromptTokenizer.count(text), text);
    }
    assertEquals(1, PromptTokenizer.count(SIMULATOR.compose(1, -1, r)), "an untagged text may be one word");
  }

  @Test
  void exactWithABpeTokenizerToo() {
    EstimatedTokenCounter cl100k = new EstimatedTokenCounter("test");
    PromptComposer composer = new PromptComposer(Vocabulary.calibrate(cl100k, Vocabulary.shippedWords(), 256), 42);
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 200; i++) {
      int tokens = composer.tagTokens() + r.nextInt(2000);
      assertEquals(tokens, cl100k.count(composer.compose(tokens, i, r)));
    }
  }

  @Test
  void uniqueStartsDifferFromTheFirstWordsOn() {
    Set<String> starts = new HashSet<>();
    SplittableRandom r = new SplittableRandom(3);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      String text = SIMULATOR.compose(SIMULATOR.tagTokens(), i, r);
      starts.add(text);
    }
    assertEquals(n, starts.size(), "no two requests share their unique start");
    String a = SIMULATOR.compose(50, 1, new SplittableRandom(9));
    String b = SIMULATOR.compose(50, 2, new SplittableRandom(9));
    assertNotEquals(a.split(" ")[0] + a.split(" ")[1], b.split(" ")[0] + b.split(" ")[1], "neighbouring numbers differ in the first words");
    assertTrue(SIMULATOR.tagTokens() <= 12, "a short start: " + SIMULATOR.tagTokens());
  }

  @Test
  void tooShortForTheUniqueStartIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SIMULATOR.compose(SIMULATOR.tagTokens() - 1, 5, new SplittableRandom(1)));
  }
}
