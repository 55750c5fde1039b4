package dev.llmload.server.engine;

/**
 * One sequence's output of one step: it produced one token.
 *
 * @param sequence the sequence
 * @param generatedTokens tokens it has generated in total after this step
 * @param finished true when this was its last token
 */
public record Emission(Sequence sequence, int generatedTokens, boolean finished) {

  public Emission {
    if (generatedTokens < 1) {
      throw new IllegalArgumentException("generatedTokens must be at least 1, was " + generatedTokens);
    }
  }
}
