package dev.llmload.server.text;

import java.util.List;

/**
 * The simulator's deterministic stand-in for a tokenizer; {@code usage.prompt_tokens} and {@code POST /tokenize}
 * both use it. Rule: every run of letters and digits costs {@code ceil(length / 4)} tokens, every other
 * non-whitespace character one token, whitespace nothing. A completions prompt adds one BOS token; a chat prompt
 * costs {@code 1 + sum over messages of (4 + tokens(content)) + 3} (BOS, per-message role header and end marker,
 * assistant header) - the shape of the Llama 3 chat template. English prose comes out near 1.3 tokens per word,
 * close to real BPE tokenizers. The generated text ({@link PseudoText}) counts exactly one token per token.
 */
public final class PromptTokenizer {

  static final int BOS_TOKENS = 1;
  static final int MESSAGE_OVERHEAD_TOKENS = 4;
  static final int GENERATION_PROMPT_TOKENS = 3;
  /** Ids of the template tokens in {@link #ids}; text pieces hash into [0, SPECIAL_BASE). */
  public static final int SPECIAL_BASE = 128_000;
  /** Llama 3's {@code <|begin_of_text|>}, {@code <|start_header_id|>}, {@code <|end_header_id|>}, {@code <|eot_id|>}. */
  static final int BOS_ID = SPECIAL_BASE;
  static final int START_HEADER_ID = SPECIAL_BASE + 6;
  static final int END_HEADER_ID = SPECIAL_BASE + 7;
  static final int END_OF_TURN_ID = SPECIAL_BASE + 9;

  private static final int LETTERS_PER_TOKEN = 4;

  private PromptTokenizer() {}

  /** Tokens of raw text, no BOS. */
  public static int count(CharSequence text) {
    int tokens = 0;
    int run = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        run++;
      } else {
        tokens += runTokens(run);
        run = 0;
        if (!Character.isWhitespace(cp)) {
          tokens++;
        }
      }
    }
    return tokens + runTokens(run);
  }

  /** A completions prompt: BOS plus the text. */
  public static int completionPromptTokens(CharSequence prompt) {
    return BOS_TOKENS + count(prompt);
  }

  /** A chat prompt: BOS, each message's header, content and end marker, and the assistant header. */
  public static int chatPromptTokens(List<String> contents) {
    int tokens = BOS_TOKENS + GENERATION_PROMPT_TOKENS;
    for (String content : contents) {
      tokens += MESSAGE_OVERHEAD_TOKENS + count(content);
    }
    return tokens;
  }

  /**
   * The token ids of a completions prompt, in order: BOS, then {@link #ids} of the text; as many as
   * {@link #completionPromptTokens} counts.
   */
  public static int[] completionPromptIds(CharSequence prompt) {
    int[] text = ids(prompt);
    int[] all = new int[BOS_TOKENS + text.length];
    all[0] = BOS_ID;
    System.arraycopy(text, 0, all, BOS_TOKENS, text.length);
    return all;
  }

  /**
   * The token ids of a chat prompt, in template order (BOS; per message a header with its role, the content and an
   * end marker; the assistant header); as many as {@link #chatPromptTokens} counts. Two prompts share a leading run
   * of ids exactly as far as their messages are equal.
   *
   * @param roles each message's role, as many as {@code contents}
   */
  public static int[] chatPromptIds(List<String> roles, List<String> contents) {
    if (roles.size() != contents.size()) {
      throw new IllegalArgumentException("roles and contents must be as many, were " + roles.size() + " and "
          + contents.size());
    }
    int[][] texts = new int[contents.size()][];
    int length = BOS_TOKENS + GENERATION_PROMPT_TOKENS;
    for (int i = 0; i < texts.length; i++) {
      texts[i] = ids(contents.get(i));
      length += MESSAGE_OVERHEAD_TOKENS + texts[i].length;
    }
    int[] all = new int[length];
    int n = 0;
    all[n++] = BOS_ID;
    for (int i = 0; i < texts.length; i++) {
      all[n++] = START_HEADER_ID;
      all[n++] = pieceId(roles.get(i));
      all[n++] = END_HEADER_ID;
      System.arraycopy(texts[i], 0, all, n, texts[i].length);
      n += texts[i].length;
      all[n++] = END_OF_TURN_ID;
    }
    all[n++] = START_HEADER_ID;
    all[n++] = pieceId("assistant");
    all[n] = END_HEADER_ID;
    return all;
  }

  /** Pseudo token ids for raw text, one per token {@link #count} counts: a hash of each piece. */
  public static int[] ids(CharSequence text) {
    int[] ids = new int[count(text)];
    int[] n = {0};
    walk(text, piece -> ids[n[0]++] = pieceId(piece));
    return ids;
  }

  /**
   * The text pieces of raw text, one per token {@link #count} counts and in the order of {@link #ids}: runs of up to
   * four letters or digits, and single other characters; whitespace is in none.
   */
  public static String[] pieces(CharSequence text) {
    String[] pieces = new String[count(text)];
    int[] n = {0};
    walk(text, piece -> pieces[n[0]++] = piece.toString());
    return pieces;
  }

  /** The id {@link #ids} gives {@code piece} (one piece as {@link #pieces} cuts them). */
  public static int idOf(CharSequence piece) {
    return pieceId(piece);
  }

  private static void walk(CharSequence text, java.util.function.Consumer<CharSequence> sink) {
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        piece.appendCodePoint(cp);
        if (piece.codePointCount(0, piece.length()) == LETTERS_PER_TOKEN) {
          sink.accept(piece);
          piece.setLength(0);
        }
      } else {
        if (piece.length() > 0) {
          sink.accept(piece);
          piece.setLength(0);
        }
        if (!Character.isWhitespace(cp)) {
          sink.accept(new StringBuilder().appendCodePoint(cp));
        }
      }
    }
    if (piece.length() > 0) {
      sink.accept(piece);
    }
  }

  private static int pieceId(CharSequence piece) {
    return (int) Math.floorMod(Seeds.of(piece), (long) SPECIAL_BASE);
  }

  private static int runTokens(int letters) {
    return (letters + LETTERS_PER_TOKEN - 1) / LETTERS_PER_TOKEN;
  }
}
