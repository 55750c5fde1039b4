package dev.llmload.workload.conversations;

import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.RequestSource;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a closed workload's users converse: where each new {@link Conversation} takes its turns, how many it has, and the
 * think time between a reply and the next turn. Two kinds:
 * <ul>
 *   <li>{@link #ofPrompts}: {@code turns} turns, each user turn the next request of a {@link RequestSource} (any source:
 *       a prompt, a dataset's records, synthetic lengths); the opening comes from a source that may tag it unique, the
 *       follow-ups from the same prompts untagged, so only a conversation's first message carries a tag;
 *   <li>{@link #ofScripts}: recorded conversations (a ShareGPT dataset's), each a request whose messages are its opening
 *       system message(s) and then its user turns in order; at most {@code turns} of them are sent.
 * </ul>
 * Thread-safe: users start conversations concurrently; each conversation then belongs to its user.
 */
public final class Conversations {

  private final RequestSource openings;
  private final RequestSource followUps;
  private final int turns;
  private final Duration thinkTime;
  private final AtomicLong ids = new AtomicLong();

  private Conversations(RequestSource openings, RequestSource followUps, int turns, Duration thinkTime) {
    if (turns < 1) {
      throw new IllegalArgumentException("conversations need at least 1 turn, was " + turns);
    }
    Objects.requireNonNull(thinkTime, "thinkTime");
    if (thinkTime.isNegative()) {
      throw new IllegalArgumentException("thinkTime must be zero or positive, was " + thinkTime);
    }
    this.openings = Objects.requireNonNull(openings, "openings");
    this.followUps = followUps;
    this.turns = turns;
    this.thinkTime = thinkTime;
  }

  /**
   * Conversations of {@code turns} turns taking their user turns from prompts.
   *
   * @param openings each conversation's first turn (tag it unique here: {@link RequestSource#unique})
   * @param followUps turns 2 to {@code turns}, untagged; their leading system messages are left out (the opening has
   *     the conversation's)
   */
  public static Conversations ofPrompts(RequestSource openings, RequestSource followUps, int turns, Duration thinkTime) {
    return new Conversations(openings, Objects.requireNonNull(followUps, "followUps"), turns, thinkTime);
  }

  /**
   * Recorded conversations: each request of {@code scripts} is one, its messages its system message(s) and then its
   * user turns (any other role is left out: the server's own replies take the recorded ones' place).
   *
   * @param scripts the conversations (tag them unique here: the tag goes in front of their first message)
   * @param maxTurns at most this many of each conversation's user turns are sent
   */
  public static Conversations ofScripts(RequestSource scripts, int maxTurns, Duration thinkTime) {
    return new Conversations(scripts, null, maxTurns, thinkTime);
  }

  /** Where conversations open: the first request of each. */
  public RequestSource openings() {
    return openings;
  }

  /** Turns per conversation (recorded ones: at most this many). */
  public int turns() {
    return turns;
  }

  public Duration thinkTime() {
    return thinkTime;
  }

  /** A new conversation, with the next id of the run ({@code c-1}, {@code c-2}, ...), opening in {@code level}. */
  public Conversation start(LoadLevel level) {
    String id = "c-" + ids.incrementAndGet();
    PlannedRequest opening = openings.next(level);
    if (followUps != null) {
      return new Conversation(id, turns, opening, (k, l) -> followUps.next(l));
    }
    return scripted(id, opening);
  }

  /** Splits a recorded conversation into its opening (everything up to its first user message) and its later user turns. */
  private Conversation scripted(String id, PlannedRequest script) {
    List<Message> messages = script.messages().isEmpty() ? List.of(new Message("user", script.prompt())) : script.messages();
    List<Message> opening = new ArrayList<>();
    List<Message> later = new ArrayList<>();
    for (Message m : messages) {
      boolean user = m.role().equals("user");
      if (opening.stream().noneMatch(o -> o.role().equals("user"))) {
        opening.add(m);
      } else if (user) {
        later.add(m);
      }
    }
    if (opening.stream().noneMatch(o -> o.role().equals("user"))) {
      throw new IllegalArgumentException("a recorded conversation needs a user message, had " + messages.size() + " messages and none");
    }
    int count = Math.min(turns, 1 + later.size());
    return new Conversation(id, count, PlannedRequest.ofMessages(opening, script.labels()),
        (k, level) -> new PlannedRequest(later.get(k - 2).content(), script.labels()));
  }
}
