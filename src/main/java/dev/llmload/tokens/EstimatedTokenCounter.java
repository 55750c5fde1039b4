package dev.llmload.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts with jtokkit's {@code cl100k_base} (the tokenizer of GPT-4 and GPT-3.5): an estimate for a model whose own
 * tokenizer the server does not expose. Open models' tokenizers count English prose within about 10-20 % of it; the
 * chat template's tokens are unknown here ({@link #promptTokens} is empty), so requested lengths then count text only.
 */
public final class EstimatedTokenCounter implements TokenCounter {

  /** The encoding's name, as written in {@link #source()}. */
  public static final String ENCODING = "cl100k_base";

  private final String why;

  /** @param why why the estimate is used (e.g. the server answered 404 to /tokenize), part of {@link #source()} */
  public EstimatedTokenCounter(String why) {
    this.why = why;
  }

  @Override
  public int count(String text) {
    return Holder.ENCODING.countTokensOrdinary(text); // special tokens in the text count as the text they are
  }

  @Override
  public String source() {
    return "estimated with jtokkit " + ENCODING + " (" + why + ")";
  }

  /** Loads the encoding (about 1.7 MB of ranks) on first use only. */
  private static final class Holder {
    static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }
}
