package dev.llmload.workload.conversations;

import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One conversation of one virtual user: the history so far and the turns still to send. Turn {@code k}'s request is
 * the history - every earlier user turn, each followed by the server's actual reply - and then turn {@code k}'s own
 * messages, so every turn starts with the whole of the turn before it (the prefix a server's cache can serve). Each
 * request carries the labels {@link #CONVERSATION}, {@link #TURN} and {@link #TURNS}.
 *
 * <p>The cycle: {@link #nextTurn} while {@link #hasNextTurn}, then {@link #replied} with the reply's text, or
 * {@link #failed} when the turn did not succeed (that ends the conversation). Not thread-safe: a conversation belongs to
 * one user, whose actions run one at a time.
 */
public final class Conversation {

  /** Label of every turn: the conversation's id, e.g. {@code c-17}, unique in a run. */
  public static final String CONVERSATION = "conversation";
  /** Label of every turn: its number, from 1. */
  public static final String TURN = "turn";
  /** Label of every turn: how many turns the conversation was to have. */
  public static final String TURNS = "turns";

  /** The user turns after the first: turn {@code k}'s request (its messages, or its prompt as one user message). */
  @FunctionalInterface
  interface FollowUps {
    PlannedRequest turn(int k, LoadLevel level);
  }

  private final String id;
  private final int turns;
  private final PlannedRequest opening;
  private final FollowUps followUps;
  private final List<Message> history = new ArrayList<>();
  private int sent;
  private boolean awaitingReply;
  private boolean failed;

  /**
   * @param id unique in the run
   * @param turns how many turns, at least 1
   * @param opening turn 1: its messages as they are (a system message included), or its prompt as one user message
   * @param followUps turns 2 to {@code turns}: their messages without leading system messages, or their prompt as one
   *     user message
   */
  Conversation(String id, int turns, PlannedRequest opening, FollowUps followUps) {
    if (turns < 1) {
      throw new IllegalArgumentException("a conversation needs at least 1 turn, was " + turns);
    }
    this.id = Objects.requireNonNull(id, "id");
    this.turns = turns;
    this.opening = Objects.requireNonNull(opening, "opening");
    this.followUps = Objects.requireNonNull(followUps, "followUps");
  }

  public String id() {
    return id;
  }

  /** How many turns the conversation is to have. */
  public int turns() {
    return turns;
  }

  /** Turns sent so far. */
  public int sent() {
    return sent;
  }

  /** True when the next turn may go: the last one was answered, none failed, and turns are left. */
  public boolean hasNextTurn() {
    return !failed && !awaitingReply && sent < turns;
  }

  /** True once a turn failed: the conversation ended before its last turn. */
  public boolean hasFailed() {
    return failed;
  }

  /** The messages sent and received so far, in order (a copy). */
  public List<Message> history() {
    return List.copyOf(history);
  }

  /**
   * The next turn's request: the history, then the turn's own messages (which join the history).
   *
   * @param level the level the request starts in (a follow-up drawn from a prompt source may depend on it)
   * @throws IllegalStateException when {@link #hasNextTurn()} is false
   */
  public PlannedRequest nextTurn(LoadLevel level) {
    if (!hasNextTurn()) {
      throw new IllegalStateException("conversation " + id + " has no next turn (sent " + sent + " of " + turns
          + (failed ? ", a turn failed" : awaitingReply ? ", waiting for the reply" : "") + ")");
    }
    int k = sent + 1;
    PlannedRequest turn = k == 1 ? opening : followUps.turn(k, level);
    List<Message> own = k == 1 ? messagesOf(turn) : withoutLeadingSystem(messagesOf(turn));
    if (own.isEmpty()) {
      throw new IllegalArgumentException("turn " + k + " of conversation " + id + " has only system messages: nothing to ask");
    }
    history.addAll(own);
    sent = k;
    awaitingReply = true;
    Map<String, String> labels = new HashMap<>(turn.labels());
    labels.put(CONVERSATION, id);
    labels.put(TURN, Integer.toString(k));
    labels.put(TURNS, Integer.toString(turns));
    return PlannedRequest.ofMessages(history, labels);
  }

  /** The server answered the turn just sent with {@code text} (its content deltas, joined): it joins the history. */
  public void replied(String text) {
    if (!awaitingReply) {
      throw new IllegalStateException("conversation " + id + " has no turn waiting for a reply");
    }
    history.add(new Message("assistant", text));
    awaitingReply = false;
  }

  /** The turn just sent did not succeed: the conversation ends here. */
  public void failed() {
    awaitingReply = false;
    failed = true;
  }

  private static List<Message> messagesOf(PlannedRequest r) {
    return r.messages().isEmpty() ? List.of(new Message("user", r.prompt())) : r.messages();
  }

  private static List<Message> withoutLeadingSystem(List<Message> messages) {
    int first = 0;
    while (first < messages.size() && messages.get(first).role().equals("system")) {
      first++;
    }
    return messages.subList(first, messages.size());
  }
}
