package dev.llmload.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Api;
import org.junit.jupiter.api.Test;

/** The jtokkit estimate: cl100k_base counts, no template, nothing sent. */
class EstimatedTokenCounterTest {

  private final EstimatedTokenCounter counter = new EstimatedTokenCounter("test");

  @Test
  void countsWithCl100k() {
    assertEquals(1, counter.count("hello"));
    assertEquals(2, counter.count("hello world"));
    assertEquals(0, counter.count(""));
    assertEquals(7, counter.count("<|endoftext|>"), "a special token's text is counted as text, never refused");
  }

  @Test
  void knowsNoTemplateAndSendsNothing() {
    assertTrue(counter.promptTokens(Api.CHAT, "hello").isEmpty());
    assertEquals(0, counter.calls());
    assertTrue(counter.source().contains("cl100k_base") && counter.source().contains("test"), counter.source());
  }
}
