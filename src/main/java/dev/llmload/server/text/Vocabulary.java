package dev.llmload.server.text;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulator's {@code POST /detokenize} turns ids back into: the stand-in tokenizer's ids are hashes of text
 * pieces, so they cannot be inverted; instead every piece {@code POST /tokenize} has cut is remembered (at most {@code
 * capacity}), as a real server's vocabulary holds every id its tokenizer can return. Ids of the chat template and BOS
 * decode to nothing. Detokenized text joins the pieces with single spaces, so {@link PromptTokenizer#count} of it is
 * the number of ids: a client that draws random ids from what {@code /tokenize} returned gets text of exactly that many
 * tokens back. Thread-safe.
 */
public final class Vocabulary {

  private final ConcurrentHashMap<Integer, String> pieces = new ConcurrentHashMap<>();
  private final int capacity;

  /** @param capacity the most pieces remembered; pieces past it are still tokenized, just not detokenizable */
  public Vocabulary(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Remembers the pieces of {@code text} (what {@code /tokenize} saw). */
  public void learn(CharSequence text) {
    for (String piece : PromptTokenizer.pieces(text)) {
      if (pieces.size() >= capacity) {
        return;
      }
      pieces.putIfAbsent(PromptTokenizer.idOf(piece), piece);
    }
  }

  /**
   * The text of {@code ids}: their pieces joined by single spaces, template and BOS ids left out.
   *
   * @throws IllegalArgumentException naming the first id that is neither a template id nor a remembered piece
   */
  public String text(int[] ids) {
    StringBuilder text = new StringBuilder(ids.length * 4);
    for (int id : ids) {
      if (id >= PromptTokenizer.SPECIAL_BASE) {
        continue;
      }
      String piece = id < 0 ? null : pieces.get(id);
      if (piece == null) {
        throw new IllegalArgumentException("token id " + id + " is not in the vocabulary (ids come from POST /tokenize)");
      }
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(piece);
    }
    return text.toString();
  }

  /** How many pieces are remembered. */
  public int size() {
    return pieces.size();
  }
}
