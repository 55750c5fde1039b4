package dev.llmload.server.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Automatic prefix caching in the manner of vLLM: the KV entries of a prompt are kept in blocks of
 * {@code blockTokens} tokens, each named by a hash of its tokens chained with the previous block's hash, so two
 * prompts share a cached block only when everything before it is equal too. A prompt's cache hit is the run of its
 * leading blocks found in the cache, never its last token (vLLM always computes at least one token, to sample the
 * next). The cache keeps at most {@code capacityBlocks} blocks and drops the least recently used first; a prompt's
 * blocks are touched last block first, so a chain is evicted from its tail, as vLLM frees blocks.
 *
 * <p>Not thread-safe: the engine thread owns it. {@link #blockHashes} is a pure function any thread may call.
 */
public final class PrefixCache {

  /** The default block size, vLLM's. */
  public static final int DEFAULT_BLOCK_TOKENS = 16;

  private static final long CHAIN_ROOT = 0x6a09e667f3bcc908L;

  private final int capacityBlocks;
  private final int blockTokens;
  private final LinkedHashMap<Long, Boolean> blocks;

  /**
   * @param capacityBlocks most blocks kept; 0 disables caching (nothing is ever found)
   * @param blockTokens tokens per block, at least 1
   */
  public PrefixCache(int capacityBlocks, int blockTokens) {
    if (capacityBlocks < 0) {
      throw new IllegalArgumentException("capacityBlocks must be zero (disabled) or positive, was " + capacityBlocks);
    }
    if (blockTokens < 1) {
      throw new IllegalArgumentException("blockTokens must be at least 1, was " + blockTokens);
    }
    this.capacityBlocks = capacityBlocks;
    this.blockTokens = blockTokens;
    this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > PrefixCache.this.capacityBlocks;
      }
    };
  }

  /** A cache that never holds anything. */
  public static PrefixCache disabled() {
    return new PrefixCache(0, DEFAULT_BLOCK_TOKENS);
  }

  /**
   * The chained hashes of the full blocks of {@code tokenIds}: element {@code i} names tokens
   * {@code [0, (i + 1) * blockTokens)}. A trailing partial block has no hash (it is never cached).
   */
  public static long[] blockHashes(int[] tokenIds, int blockTokens) {
    if (blockTokens < 1) {
      throw new IllegalArgumentException("blockTokens must be at least 1, was " + blockTokens);
    }
    long[] hashes = new long[tokenIds.length / blockTokens];
    long chain = CHAIN_ROOT;
    for (int block = 0; block < hashes.length; block++) {
      long h = chain;
      int from = block * blockTokens;
      for (int i = from; i < from + blockTokens; i++) {
        h = mix(h * 0x9E3779B97F4A7C15L + tokenIds[i]);
      }
      chain = h;
      hashes[block] = h;
    }
    return hashes;
  }

  public boolean enabled() {
    return capacityBlocks > 0;
  }

  public int blockTokens() {
    return blockTokens;
  }

  public int capacityBlocks() {
    return capacityBlocks;
  }

  /** Blocks held now. */
  public int size() {
    return blocks.size();
  }

  /**
   * Tokens of a {@code tokens}-token sequence whose KV entries are in the cache: its leading blocks found, in whole
   * blocks, at most {@code tokens - 1}. Marks the blocks found as just used.
   *
   * @param blockHashes the sequence's {@link #blockHashes} at this cache's block size
   * @param tokens the sequence's length in tokens (the prompt, or prompt plus generated after a preemption)
   */
  public int match(long[] blockHashes, int tokens) {
    int usable = Math.min(blockHashes.length, Math.max(0, tokens - 1) / blockTokens);
    int found = 0;
    while (found < usable && blocks.containsKey(blockHashes[found])) {
      found++;
    }
    for (int i = found - 1; i >= 0; i--) {
      blocks.get(blockHashes[i]); // access order: the first block ends most recent
    }
    return found * blockTokens;
  }

  /** Puts every block of {@code blockHashes} in the cache (or marks it as just used), evicting the oldest. */
  public void insert(long[] blockHashes) {
    if (capacityBlocks == 0) {
      return;
    }
    for (int i = blockHashes.length - 1; i >= 0; i--) {
      blocks.put(blockHashes[i], Boolean.TRUE);
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
