package dev.llmload.server.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Block hashing, prefix matching and eviction of the prefix cache, with 4-token blocks to keep prompts short. */
class PrefixCacheTest {

  private static final int B = 4;

  private static int[] tokens(int from, int count) {
    return IntStream.range(from, from + count).toArray();
  }

  private static int[] withFirst(int[] ids, int first) {
    int[] copy = ids.clone();
    copy[0] = first;
    return copy;
  }

  @Test
  void onlyFullBlocksAreHashedAndEachHashNamesTheWholePrefix() {
    long[] ten = PrefixCache.blockHashes(tokens(0, 10), B);
    assertEquals(2, ten.length, "10 tokens: two full blocks, the last two tokens are never cached");
    assertArrayEquals(ten, PrefixCache.blockHashes(tokens(0, 8), B), "equal prefixes, equal hashes");
    assertEquals(0, PrefixCache.blockHashes(tokens(0, 3), B).length);

    // The same second block after a different first block is a different block: the hashes chain.
    long[] other = PrefixCache.blockHashes(withFirst(tokens(0, 8), 99), B);
    assertNotEquals(ten[0], other[0]);
    assertNotEquals(ten[1], other[1]);
    // The same four tokens at the start or in second place are different blocks too.
    assertNotEquals(PrefixCache.blockHashes(tokens(4, 4), B)[0], ten[1]);
  }

  @Test
  void aMatchIsTheRunOfLeadingBlocksFoundInWholeBlocks() {
    PrefixCache cache = new PrefixCache(100, B);
    long[] prompt = PrefixCache.blockHashes(tokens(0, 13), B);
    assertEquals(0, cache.match(prompt, 13), "empty cache");
    cache.insert(prompt);
    assertEquals(3, cache.size());
    assertEquals(12, cache.match(prompt, 13), "three blocks of a 13-token prompt");

    // A longer prompt starting the same way hits the shared blocks; one that differs in block 2 hits block 1 only.
    assertEquals(12, cache.match(PrefixCache.blockHashes(tokens(0, 40), B), 40));
    int[] divergent = tokens(0, 13);
    divergent[5] = 99;
    assertEquals(4, cache.match(PrefixCache.blockHashes(divergent, B), 13));
    // A different first token: nothing, although the later tokens are the same.
    assertEquals(0, cache.match(PrefixCache.blockHashes(withFirst(tokens(0, 13), 99), B), 13));
  }

  @Test
  void theLastTokenIsAlwaysComputed() {
    PrefixCache cache = new PrefixCache(100, B);
    long[] prompt = PrefixCache.blockHashes(tokens(0, 12), B);
    cache.insert(prompt);
    assertEquals(8, cache.match(prompt, 12), "12 tokens, all cached: the last block holds the last token");
    assertEquals(12, cache.match(prompt, 13), "one more token (after a preemption): the third block counts");
    assertEquals(0, cache.match(PrefixCache.blockHashes(tokens(0, 4), B), 4));
    assertEquals(0, cache.match(prompt, 1));
  }

  @Test
  void leastRecentlyUsedBlocksGoFirstAndAChainLosesItsTailFirst() {
    PrefixCache cache = new PrefixCache(3, B);
    long[] a = PrefixCache.blockHashes(tokens(0, 12), B);
    long[] b = PrefixCache.blockHashes(tokens(100, 8), B);
    cache.insert(a);
    assertEquals(12, cache.match(a, 13));
    cache.insert(b); // two blocks more than fit: a's last two blocks go, its first stays usable
    assertEquals(3, cache.size());
    assertEquals(8, cache.match(b, 9));
    assertEquals(4, cache.match(a, 13));

    cache.insert(PrefixCache.blockHashes(tokens(200, 4), B)); // a was used last: b's tail goes
    assertEquals(4, cache.match(a, 13));
    assertEquals(4, cache.match(b, 9));
  }

  @Test
  void aLongerPromptThanTheCacheKeepsItsLeadingBlocks() {
    PrefixCache cache = new PrefixCache(2, B);
    long[] prompt = PrefixCache.blockHashes(tokens(0, 40), B);
    cache.insert(prompt);
    assertEquals(2, cache.size());
    assertEquals(8, cache.match(prompt, 40));
  }

  @Test
  void zeroBlocksDisablesCaching() {
    PrefixCache cache = new PrefixCache(0, B);
    long[] prompt = PrefixCache.blockHashes(tokens(0, 12), B);
    cache.insert(prompt);
    assertFalse(cache.enabled());
    assertEquals(0, cache.size());
    assertEquals(0, cache.match(prompt, 13));
    assertTrue(new PrefixCache(1, B).enabled());
  }

  @Test
  void badSizesAreRejectedNamingTheValue() {
    assertEquals("capacityBlocks must be zero (disabled) or positive, was -1",
        assertThrows(IllegalArgumentException.class, () -> new PrefixCache(-1, B)).getMessage());
    assertEquals("blockTokens must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new PrefixCache(1, 0)).getMessage());
  }
}
