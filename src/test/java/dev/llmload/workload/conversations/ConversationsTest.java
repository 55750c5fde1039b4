package dev.llmload.workload.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Where conversations take their turns: prompts (openings tagged, follow-ups not) or recorded conversations. */
class ConversationsTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  /** "prompt 1", "prompt 2", ... in turn, whoever asks. */
  private static RequestSource counting() {
    AtomicInteger n = new AtomicInteger();
    return level -> new PlannedRequest("prompt " + n.incrementAndGet(), Map.of("promptSet", "counting"));
  }

  private static List<Message> run(Conversation c) {
    List<Message> last = List.of();
    int reply = 0;
    while (c.hasNextTurn()) {
      last = c.nextTurn(LEVEL).messages();
      c.replied("reply " + ++reply);
    }
    return last;
  }

  @Test
  void fromPromptsOnlyTheOpeningCarriesTheUniqueTag() {
    RequestSource prompts = counting();
    Conversations conversations = Conversations.ofPrompts(RequestSource.unique(prompts, 42), prompts, 3, Duration.ofSeconds(2));

    List<Message> third = run(conversations.start(LEVEL));

    assertEquals(5, third.size());
    assertTrue(third.get(0).content().matches("[0-9a-f]{16} \\| prompt 1"), third.get(0).content());
    assertEquals(new Message("user", "prompt 2"), third.get(2), "follow-ups come untagged from the same prompts");
    assertEquals(new Message("user", "prompt 3"), third.get(4));
    assertEquals(3, conversations.turns());
    assertEquals(Duration.ofSeconds(2), conversations.thinkTime());
  }

  @Test
  void eachConversationHasItsOwnIdAndTag() {
    RequestSource prompts = counting();
    Conversations conversations = Conversations.ofPrompts(RequestSource.unique(prompts, 42), prompts, 2, Duration.ZERO);
    Conversation a = conversations.start(LEVEL);
    Conversation b = conversations.start(LEVEL);
    PlannedRequest a1 = a.nextTurn(LEVEL);
    PlannedRequest b1 = b.nextTurn(LEVEL);

    assertEquals("c-1", a.id());
    assertEquals("c-2", b.id());
    assertEquals("c-1", a1.labels().get(Conversation.CONVERSATION));
    assertNotEquals(a1.messages().get(0).content().substring(0, 16), b1.messages().get(0).content().substring(0, 16));
  }

  @Test
  void aRecordedConversationSendsItsSystemMessageAndItsUserTurnsInOrder() {
    PlannedRequest script = PlannedRequest.ofMessages(List.of(new Message("system", "Be brief."), new Message("user", "First?"),
        new Message("user", "Second?"), new Message("user", "Third?")), Map.of("dataset", "sg.json"));
    Conversations conversations = Conversations.ofScripts(level -> script, 10, Duration.ofSeconds(1));

    Conversation c = conversations.start(LEVEL);
    PlannedRequest first = c.nextTurn(LEVEL);
    c.replied("Yes.");
    c.nextTurn(LEVEL);
    c.replied("Also yes.");
    PlannedRequest third = c.nextTurn(LEVEL);
    c.replied("No.");

    assertEquals(3, c.turns(), "its three user turns, below the cap of 10");
    assertEquals(List.of(new Message("system", "Be brief."), new Message("user", "First?")), first.messages());
    assertEquals(List.of(new Message("system", "Be brief."), new Message("user", "First?"), new Message("assistant", "Yes."),
        new Message("user", "Second?"), new Message("assistant", "Also yes."), new Message("user", "Third?")), third.messages());
    assertEquals(Map.of("dataset", "sg.json", "conversation", "c-1", "turn", "3", "turns", "3"), third.labels());
    assertFalse(c.hasNextTurn());
  }

  @Test
  void aRecordedConversationIsCutAtTheConfiguredTurnsAndItsTagIsOnItsFirstMessage() {
    PlannedRequest script = PlannedRequest.ofMessages(List.of(new Message("user", "One"), new Message("user", "Two"),
        new Message("user", "Three")), Map.of());
    Conversations conversations = Conversations.ofScripts(RequestSource.unique(level -> script, 1), 2, Duration.ZERO);

    Conversation c = conversations.start(LEVEL);
    List<Message> last = run(c);

    assertEquals(2, c.turns());
    assertTrue(last.get(0).content().endsWith(" | One"), last.get(0).content());
    assertEquals(new Message("user", "Two"), last.get(2));
  }

  @Test
  void aOneTurnRecordIsAOneTurnConversation() {
    Conversation c = Conversations.ofScripts(level -> new PlannedRequest("Only?", Map.of()), 5, Duration.ZERO).start(LEVEL);
    assertEquals(1, c.turns());
    assertEquals(List.of(new Message("user", "Only?")), c.nextTurn(LEVEL).messages());
  }
}
