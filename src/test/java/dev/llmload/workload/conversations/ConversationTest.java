package dev.llmload.workload.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One user's conversation: the history grows turn by turn with the server's actual replies. */
class ConversationTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  private static Message user(String text) {
    return new Message("user", text);
  }

  private static Message assistant(String text) {
    return new Message("assistant", text);
  }

  /** Turn k's follow-up is "question k", labelled with where it came from. */
  private static Conversation threeTurns(PlannedRequest opening) {
    return new Conversation("c-7", 3, opening, (k, level) -> new PlannedRequest("question " + k, Map.of("source", "follow-up")));
  }

  @Test
  void eachTurnSendsTheHistorySoFarWithTheActualRepliesThenItsOwnMessage() {
    Conversation c = threeTurns(new PlannedRequest("question 1", Map.of("source", "opening")));

    PlannedRequest t1 = c.nextTurn(LEVEL);
    assertEquals(List.of(user("question 1")), t1.messages());
    c.replied(" kade mon");
    PlannedRequest t2 = c.nextTurn(LEVEL);
    assertEquals(List.of(user("question 1"), assistant(" kade mon"), user("question 2")), t2.messages());
    c.replied(" fil piz");
    PlannedRequest t3 = c.nextTurn(LEVEL);
    assertEquals(List.of(user("question 1"), assistant(" kade mon"), user("question 2"), assistant(" fil piz"), user("question 3")),
        t3.messages());
    c.replied(" sed");

    assertEquals(List.of(user("question 1"), assistant(" kade mon"), user("question 2"), assistant(" fil piz"), user("question 3"),
        assistant(" sed")), c.history());
    assertFalse(c.hasNextTurn(), "three turns sent and answered");
    assertFalse(c.hasFailed());
    assertEquals("question 1\n kade mon\nquestion 2", t2.prompt(), "the completions form: the contents one a line");
  }

  @Test
  void everyTurnIsLabelledWithItsConversationItsNumberAndTheTurnsKeepingItsOwnLabels() {
    Conversation c = threeTurns(new PlannedRequest("question 1", Map.of("source", "opening")));
    assertEquals(Map.of("source", "opening", "conversation", "c-7", "turn", "1", "turns", "3"), c.nextTurn(LEVEL).labels());
    c.replied("a");
    assertEquals(Map.of("source", "follow-up", "conversation", "c-7", "turn", "2", "turns", "3"), c.nextTurn(LEVEL).labels());
  }

  @Test
  void theOpeningKeepsItsSystemMessageAndEveryLaterTurnStartsWithTheWholeTurnBefore() {
    PlannedRequest opening = PlannedRequest.ofMessages(List.of(new Message("system", "3f9a01c24b7e9d11 | Be brief."), user("Hi")), Map.of());
    Conversation c = new Conversation("c-1", 3, opening, (k, level) -> PlannedRequest.ofMessages(
        List.of(new Message("system", "another system prompt"), user("more " + k)), Map.of()));

    List<Message> first = c.nextTurn(LEVEL).messages();
    c.replied("Hello.");
    List<Message> second = c.nextTurn(LEVEL).messages();
    c.replied("Sure.");
    List<Message> third = c.nextTurn(LEVEL).messages();

    assertEquals(List.of(new Message("system", "3f9a01c24b7e9d11 | Be brief."), user("Hi"), assistant("Hello."), user("more 2")), second,
        "a follow-up's own system message is left out: the conversation has one, and only its first message carries the tag");
    assertEquals(first, second.subList(0, first.size()), "turn 2 starts with turn 1");
    assertEquals(second, third.subList(0, second.size()), "turn 3 starts with turn 2");
    assertEquals(1, third.stream().filter(m -> m.content().startsWith("3f9a01c24b7e9d11")).count(), "one tag, on the first message");
  }

  @Test
  void aFailedTurnEndsTheConversation() {
    Conversation c = threeTurns(new PlannedRequest("question 1", Map.of()));
    c.nextTurn(LEVEL);
    c.replied("a");
    c.nextTurn(LEVEL);
    c.failed();

    assertTrue(c.hasFailed());
    assertFalse(c.hasNextTurn());
    assertEquals(2, c.sent());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.nextTurn(LEVEL));
    assertEquals("conversation c-7 has no next turn (sent 2 of 3, a turn failed)", e.getMessage());
  }

  @Test
  void noTurnBeforeTheReplyAndNoReplyWithoutATurn() {
    Conversation c = threeTurns(new PlannedRequest("question 1", Map.of()));
    assertThrows(IllegalStateException.class, () -> c.replied("too early"));
    c.nextTurn(LEVEL);
    assertFalse(c.hasNextTurn(), "waiting for the reply");
    assertEquals("conversation c-7 has no next turn (sent 1 of 3, waiting for the reply)",
        assertThrows(IllegalStateException.class, () -> c.nextTurn(LEVEL)).getMessage());
  }

  @Test
  void anEmptyReplyStillJoinsTheHistory() {
    Conversation c = threeTurns(new PlannedRequest("question 1", Map.of()));
    c.nextTurn(LEVEL);
    c.replied("");
    assertEquals(List.of(user("question 1"), assistant(""), user("question 2")), c.nextTurn(LEVEL).messages());
  }

  @Test
  void aConversationNeedsATurn() {
    assertEquals("a conversation needs at least 1 turn, was 0", assertThrows(IllegalArgumentException.class,
        () -> new Conversation("c-1", 0, new PlannedRequest("x", Map.of()), (k, l) -> null)).getMessage());
  }
}
