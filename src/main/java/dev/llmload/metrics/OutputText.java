package dev.llmload.metrics;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The counts of a reply's text that the output-text statistics are made of ({@link MetricDefinition#OUTPUT_LENGTH},
 * {@link MetricDefinition#VOCABULARY_DIVERSITY}). Pure; made once per request, off the event loop, from the text of
 * its content deltas, and only the three counts are kept.
 *
 * <p>Characters are Unicode code points. A word is a run of characters between whitespace with the punctuation and
 * symbols at its two ends taken off ({@code "end."} is {@code end}, {@code "don't"} stays {@code don't}); a run left
 * with no letter or digit ({@code "--"}, {@code "*"}) is no word. Words are told apart ignoring case. Scripts written
 * without spaces (Chinese, Japanese) count a whole run as one word.
 */
public final class OutputText {

  private OutputText() {}

  /**
   * The counts of one text.
   *
   * @param chars Unicode code points
   * @param words words, as the class comment defines them
   * @param distinctWords different words, case ignored
   */
  public record Counts(int chars, int words, int distinctWords) {

    public Counts {
      if (chars < 0 || words < 0 || distinctWords < 0 || distinctWords > words) {
        throw new IllegalArgumentException("counts must be at least 0 with distinctWords at most words, were " + chars + ", " + words
            + ", " + distinctWords);
      }
    }

    /**
     * Distinct words / words (the type-token ratio): 1 when no word repeats, near 0 for a reply stuck in a loop; empty
     * for a text without words.
     */
    public java.util.OptionalDouble diversity() {
      return words == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of((double) distinctWords / words);
    }
  }

  public static Counts of(String text) {
    int chars = text.codePointCount(0, text.length());
    int words = 0;
    Set<String> distinct = new HashSet<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      String word = trimmed(text.substring(start, i));
      if (!word.isEmpty()) {
        words++;
        distinct.add(word.toLowerCase(Locale.ROOT));
      }
    }
    return new Counts(chars, words, distinct.size());
  }

  /** {@code run} without the characters at its ends that are neither letters nor digits; empty when it has none. */
  private static String trimmed(String run) {
    int from = 0;
    int to = run.length();
    while (from < to && !Character.isLetterOrDigit(run.codePointAt(from))) {
      from += Character.charCount(run.codePointAt(from));
    }
    while (to > from && !Character.isLetterOrDigit(run.codePointBefore(to))) {
      to -= Character.charCount(run.codePointBefore(to));
    }
    return run.substring(from, to);
  }
}
