package dev.llmload.server.text;

/**
 * Deterministic generated text: token {@code i} of a request is a function of the request's text seed (a hash of its
 * prompt) and {@code i} only, so the same prompt always streams the same words. Tokens are short pseudo-words
 * with a leading space ({@code " kade"}), or now and then a comma or full stop; {@link PromptTokenizer} counts each
 * as exactly one token.
 */
public final class PseudoText {

  private static final String[] WORDS = buildWords();

  private PseudoText() {}

  /** Token {@code index} of the text seeded by {@code seed}. */
  static String token(long seed, int index) {
    long h = Seeds.mix(seed, index);
    int kind = (int) (h >>> 60);
    if (index > 0 && kind == 0) {
      return (h & 1) == 0 ? "," : ".";
    }
    return WORDS[(int) (h & (WORDS.length - 1))];
  }

  /** Tokens {@code from} (inclusive) to {@code from + count} (exclusive), concatenated. */
  public static String tokens(long seed, int from, int count) {
    StringBuilder text = new StringBuilder(count * 5);
    for (int i = from; i < from + count; i++) {
      text.append(token(seed, i));
    }
    return text.toString();
  }

  private static String[] buildWords() {
    String consonants = "bdfgklmnprstvz";
    String vowels = "aeiou";
    String[] words = new String[512];
    for (int i = 0; i < words.length; i++) {
      long h = Seeds.mix(0x5eedL, i);
      StringBuilder w = new StringBuilder(" ");
      w.append(consonants.charAt((int) Math.floorMod(h, (long) consonants.length())));
      w.append(vowels.charAt((int) Math.floorMod(h >>> 8, (long) vowels.length())));
      switch ((int) Math.floorMod(h >>> 16, 3L)) {
        case 0 -> { }
        case 1 -> w.append(consonants.charAt((int) Math.floorMod(h >>> 24, (long) consonants.length())));
        default -> w.append(consonants.charAt((int) Math.floorMod(h >>> 24, (long) consonants.length())))
            .append(vowels.charAt((int) Math.floorMod(h >>> 32, (long) vowels.length())));
      }
      words[i] = w.toString();
    }
    return words;
  }
}
