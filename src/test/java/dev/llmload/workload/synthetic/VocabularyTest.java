package dev.llmload.workload.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.tokens.EstimatedTokenCounter;
import dev.llmload.tokens.TokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The word list calibrated against a tokenizer: exact costs, in a bounded number of counts. */
class VocabularyTest {

  private final List<String> shipped = Vocabulary.shippedWords();

  @Test
  void theShippedListIsOurOwnPlainWords() {
    assertTrue(shipped.size() >= 500, "words: " + shipped.size());
    assertTrue(shipped.stream().allMatch(w -> w.matches("[a-z]+")), "lower-case letters only");
  }

  @Test
  void everyCostIsTheTokenizersOwnCount() {
    SimulatorCounter counter = new SimulatorCounter();
    Vocabulary v = Vocabulary.calibrate(counter, shipped, 256);
    assertTrue(counter.calls <= 256, "counts: " + counter.calls);
    assertEquals(counter.calls, v.calls());
    assertTrue(v.words().size() >= 150, v.describe());
    for (int i = 0; i < v.words().size(); i++) {
      assertEquals(PromptTokenizer.count(v.words().get(i)), v.cost(i), v.words().get(i));
    }
    assertTrue(v.ones().size() >= 16 && !v.starters().isEmpty(), v.describe());
  }

  @Test
  void aTokenizerThatKeepsMostWordsWholeSettlesGroupsInOneCount() {
    EstimatedTokenCounter estimate = new EstimatedTokenCounter("test");
    int[] calls = {0};
    TokenCounter counting = new TokenCounter() {
      @Override
      public int count(String text) {
        calls[0]++;
        return estimate.count(text);
      }

      @Override
      public String source() {
        return estimate.source();
      }
    };
    Vocabulary v = Vocabulary.calibrate(counting, shipped, 256);
    assertTrue(v.words().size() >= shipped.size() * 0.9, v.describe());
    assertTrue(v.ones().size() >= shipped.size() * 0.8, v.describe());
    for (int i = 0; i < v.words().size(); i++) {
      assertEquals(estimate.count("Words " + v.words().get(i)) - estimate.count("Words"), v.cost(i), v.words().get(i));
    }
    assertTrue(calls[0] <= 256, "counts: " + calls[0]);
  }

  @Test
  void aTokenizerThatSplitsEveryWordCannotBeUsed() {
    TokenCounter letters = new TokenCounter() {
      @Override
      public int count(String text) {
        return text.replace(" ", "").length();
      }

      @Override
      public String source() {
        return "one token a letter";
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Vocabulary.calibrate(letters, shipped, 256));
    assertTrue(e.getMessage().contains("one token a letter"), e.getMessage());
  }
}
