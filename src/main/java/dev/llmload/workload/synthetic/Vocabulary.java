package dev.llmload.workload.synthetic;

import dev.llmload.tokens.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The words synthetic prompts are made of, each with its exact token cost as the run's tokenizer counts it after a
 * space ({@code " word"}), and the words that also cost one token at the very start of a text (a prompt's first word).
 * Calibrated once, before any load, in a bounded number of counts: the words in groups of {@value #GROUP}, written
 * after an anchor word; a group that costs one token a word is settled in one count, any other is counted word by
 * word. Tokenizers split text at spaces before merging (BPE's pre-tokenisation, SentencePiece's word pieces), so a
 * text of these words costs the sum of its words; the samples counted after calibration check it. Immutable.
 */
final class Vocabulary {

  /** Words counted together. */
  static final int GROUP = 16;
  /** Words costing more tokens than this are left out. */
  static final int MAX_COST = 4;
  /** At most this many first-word candidates are counted at the start of a text. */
  static final int STARTER_CANDIDATES = 16;
  /** Fewer one-token words than this cannot make unique starts and exact ends. */
  static final int MIN_ONE_TOKEN_WORDS = 16;
  private static final String ANCHOR = "Words";
  private static final String RESOURCE = "words.txt";

  private final List<String> words;
  private final int[] costs;
  private final List<String> ones;
  private final List<String> starters;
  private final int listed;
  private final int calls;

  private Vocabulary(List<String> words, int[] costs, List<String> starters, int listed, int calls) {
    this(words, costs, onesOf(words, costs), starters, listed, calls);
  }

  private Vocabulary(List<String> words, int[] costs, List<String> ones, List<String> starters, int listed, int calls) {
    this.words = List.copyOf(words);
    this.costs = costs.clone();
    this.ones = List.copyOf(ones);
    this.starters = List.copyOf(starters);
    this.listed = listed;
    this.calls = calls;
  }

  private static List<String> onesOf(List<String> words, int[] costs) {
    List<String> one = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (costs[i] == 1) {
        one.add(words.get(i));
      }
    }
    return one;
  }

  /**
   * This vocabulary with {@code pieces} as the body of a text instead of its words (e.g. random-token fragments), each
   * costing {@code costs[i]} after a space; the one-token words still spell unique starts and make ends exact.
   *
   * @param calls the counts it took to measure the pieces
   */
  Vocabulary withBody(List<String> pieces, int[] costs, int calls) {
    if (pieces.isEmpty() || pieces.size() != costs.length) {
      throw new IllegalArgumentException("pieces must be as many as their costs and at least one, were " + pieces.size() + " and " + costs.length);
    }
    for (int cost : costs) {
      if (cost < 1) {
        throw new IllegalArgumentException("every piece must cost at least one token, one cost " + cost);
      }
    }
    return new Vocabulary(pieces, costs, ones, starters, listed, this.calls + calls);
  }

  /** The shipped word list, in file order. */
  static List<String> shippedWords() {
    try (InputStream in = Vocabulary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("dev/llmload/workload/synthetic/" + RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).distinct().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Counts the cost of {@code list}'s words with {@code counter}, in at most {@code budget} counts (words not reached
   * are left out).
   *
   * @throws IllegalStateException when fewer than {@value #MIN_ONE_TOKEN_WORDS} words cost one token, or none does at
   *     the start of a text (the message names the counter)
   */
  static Vocabulary calibrate(TokenCounter counter, List<String> list, int budget) {
    List<String> order = new ArrayList<>(list);
    Collections.shuffle(order, new Random(list.size())); // groups mix short and long words; the same order every run
    int calls = 0;
    int anchor = counter.count(ANCHOR);
    calls++;
    List<String> words = new ArrayList<>();
    List<Integer> costs = new ArrayList<>();
    int reserve = STARTER_CANDIDATES;
    for (int from = 0; from < order.size() && calls < budget - reserve; from += GROUP) {
      List<String> group = order.subList(from, Math.min(order.size(), from + GROUP));
      int cost = counter.count(ANCHOR + " " + String.join(" ", group)) - anchor;
      calls++;
      if (cost == group.size()) {
        group.forEach(w -> {
          words.add(w);
          costs.add(1);
        });
        continue;
      }
      if (calls + group.size() > budget - reserve) {
        break;
      }
      for (String w : group) {
        int c = counter.count(ANCHOR + " " + w) - anchor;
        calls++;
        if (c >= 1 && c <= MAX_COST) {
          words.add(w);
          costs.add(c);
        }
      }
    }
    List<String> starters = new ArrayList<>();
    for (int i = 0; i < words.size() && starters.size() < STARTER_CANDIDATES && calls < budget; i++) {
      if (costs.get(i) == 1) {
        calls++;
        if (counter.count(words.get(i)) == 1) {
          starters.add(words.get(i));
        }
      }
    }
    Vocabulary v = new Vocabulary(words, costs.stream().mapToInt(Integer::intValue).toArray(), starters, list.size(), calls);
    if (v.ones.size() < MIN_ONE_TOKEN_WORDS || starters.isEmpty()) {
      throw new IllegalStateException("the tokenizer (" + counter.source() + ") counts only " + v.ones.size() + " of the synthetic "
          + "prompts' words as one token each (" + starters.size() + " at the start of a text); at least " + MIN_ONE_TOKEN_WORDS
          + " are needed");
    }
    return v;
  }

  /** Every calibrated word, in calibration order. */
  List<String> words() {
    return words;
  }

  /** The cost of {@code words().get(i)} after a space. */
  int cost(int i) {
    return costs[i];
  }

  /** The words that cost one token after a space. */
  List<String> ones() {
    return ones;
  }

  /** One-token words that cost one token at the start of a text too. */
  List<String> starters() {
    return starters;
  }

  /** Counts calibration took. */
  int calls() {
    return calls;
  }

  /** What calibration found, one line. */
  String describe() {
    return "synthetic prompt words: " + words.size() + " of " + listed + " calibrated (" + ones.size() + " of one token, " + starters.size()
        + " also at the start of a text) in " + calls + " counts";
  }
}
