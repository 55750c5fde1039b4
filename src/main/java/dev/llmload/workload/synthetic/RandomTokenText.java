package dev.llmload.workload.synthetic;

import dev.llmload.tokens.ServerTokenizer;
import dev.llmload.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random-token text ({@code llm.request.synthetic.text = random-tokens}), the prompts a base model on {@code
 * /v1/completions} is benchmarked with: token ids drawn at random from the server's own vocabulary and turned into
 * text by the server's {@code POST /detokenize}. The vocabulary drawn from is the set of ids the server's tokenizer
 * gives our word list (its ids span common words, their pieces, punctuation and digits); {@value #FRAGMENTS}
 * fragments of {@value #FRAGMENT_IDS} random ids each are detokenized and counted again as text (a detokenized
 * fragment need not re-tokenize to the same ids), so each fragment's true cost is known; prompts are composed of these
 * fragments. All of it once, before any load, in {@code 1 + 2 x FRAGMENTS} requests to the server.
 *
 * <p>Without the server's tokenizer and detokenizer (an estimate counts, or {@code /detokenize} answers nothing) there
 * is no vocabulary to draw from: {@link #fragments} is empty and the prompts are made of words, as the calibration line
 * says.
 */
final class RandomTokenText {

  /** Fragments detokenized. */
  static final int FRAGMENTS = 64;
  /** Random ids per fragment. */
  static final int FRAGMENT_IDS = 16;

  private RandomTokenText() {}

  /**
   * Fragments of random-token text and their costs, or why there are none.
   *
   * @param pieces each fragment's text, stripped of leading and trailing spaces
   * @param costs each fragment's tokens after a space, as the server counts them
   * @param calls requests to the server it took
   * @param line what was done, for the calibration record
   */
  record Fragments(List<String> pieces, int[] costs, int calls, String line) {}

  /**
   * Draws and detokenizes the fragments with {@code seed}, or says why it cannot.
   *
   * @return empty with {@code why} told when the counter is not the server's tokenizer or the server detokenizes nothing
   */
  static Optional<Fragments> fragments(TokenCounter counter, List<String> words, long seed, java.util.function.Consumer<String> why) {
    if (!(counter instanceof ServerTokenizer server)) {
      why.accept("random-token text needs the server's POST /tokenize and /detokenize, and token counts come from " + counter.source()
          + ": composing from the word list instead");
      return Optional.empty();
    }
    int[] vocabulary = Arrays.stream(server.ids(String.join(" ", words) + " 0 1 2 3 4 5 6 7 8 9 , . ; : ? ! ( )")).distinct().toArray();
    int calls = 1;
    SplittableRandom random = new SplittableRandom(Draws.mix(seed ^ 0x7A11D0L));
    List<String> pieces = new ArrayList<>();
    int[] costs = new int[FRAGMENTS];
    for (int f = 0; f < FRAGMENTS; f++) {
      int[] ids = new int[FRAGMENT_IDS];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary[random.nextInt(vocabulary.length)];
      }
      Optional<String> text = server.detokenize(ids);
      calls++;
      if (text.isEmpty() || text.get().isBlank()) {
        why.accept("random-token text needs the server's POST /detokenize, and " + server.uri().resolve("detokenize")
            + " gave no text: composing from the word list instead");
        return Optional.empty();
      }
      String piece = text.get().strip();
      int cost = server.count(" " + piece);
      calls++;
      pieces.add(piece);
      costs[pieces.size() - 1] = Math.max(1, cost);
    }
    return Optional.of(new Fragments(pieces, costs, calls, String.format(Locale.ROOT,
        "random-token text: %d fragments of %d ids drawn from %d distinct ids of the server's vocabulary, detokenized and counted again "
            + "(%d to %d tokens each) in %d requests", FRAGMENTS, FRAGMENT_IDS, vocabulary.length, Arrays.stream(costs).min().orElse(0),
        Arrays.stream(costs).max().orElse(0), calls)));
  }
}
