package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSourceTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  @Test
  void aPlainPromptHasNoMessages() {
    assertEquals(List.of(), new PlannedRequest("hi", Map.of()).messages());
  }

  @Test
  void uniqueTagsTheFirstMessageOfAConversation() {
    PlannedRequest conversation = PlannedRequest.ofMessages(List.of(new Message("system", "Be brief."), new Message("user", "Hi")),
        Map.of("dataset", "x.jsonl"));
    RequestSource unique = RequestSource.unique(level -> conversation, 42);
    PlannedRequest a = unique.next(LEVEL);
    PlannedRequest b = unique.next(LEVEL);
    String tag = a.messages().get(0).content().substring(0, 19);
    assertTrue(tag.matches("[0-9a-f]{16} \\| "), tag);
    assertEquals(tag + "Be brief.", a.messages().get(0).content());
    assertEquals(new Message("user", "Hi"), a.messages().get(1));
    assertEquals(Map.of("dataset", "x.jsonl"), a.labels());
    assertEquals(tag + "Be brief.\nHi", a.prompt());
    assertNotEquals(a.messages().get(0), b.messages().get(0), "each request its own tag");
  }

  /** Counts whitespace-separated pieces, and how often it was asked. */
  private static final class PieceCounter implements dev.llmload.tokens.TokenCounter {
    int calls;

    @Override
    public int count(String text) {
      calls++;
      return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    @Override
    public String source() {
      return "pieces";
    }
  }

  @Test
  void uniqueForwardsPrepareAndAddsTheTagsTokensToARequestedLength() {
    RequestSource lengthAsked = new RequestSource() {
      @Override
      public void prepare(Preparation preparation) {
        preparation.tokenCounter();
      }

      @Override
      public PlannedRequest next(LoadLevel level) {
        return new PlannedRequest("Explain it", Map.of()).withInputTokens(100);
      }
    };
    RequestSource unique = RequestSource.unique(lengthAsked, 42);
    PieceCounter counter = new PieceCounter();
    Preparation preparation = Preparation.with(dev.llmload.config.Api.CHAT, "m", counter);
    unique.prepare(preparation);
    assertEquals(102, unique.next(LEVEL).inputTokens(), "a tag is two pieces: the hex digits and the bar");
    assertEquals(1, preparation.calibration().size(), preparation.calibration().toString());
    assertTrue(counter.calls <= UniquePrompts.SAMPLE_TAGS + 1, "a bounded number of counts: " + counter.calls);
  }

  @Test
  void aSourceThatAsksForNoCountsLeavesTheCounterUnchosen() {
    RequestSource unique = RequestSource.unique(RequestSource.fixed("Hi"), 42);
    Preparation preparation = new Preparation(dev.llmload.config.Api.CHAT, "m", () -> {
      throw new AssertionError("no counter should be chosen");
    }, line -> {});
    unique.prepare(preparation);
    assertTrue(preparation.tokenCounterIfChosen().isEmpty());
    assertEquals(-1, unique.next(LEVEL).inputTokens());
  }
}
