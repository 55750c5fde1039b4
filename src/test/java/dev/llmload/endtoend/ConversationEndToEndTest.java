package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.ConversationMetrics;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.server.truth.GroundTruth;
import dev.llmload.simulations.ConstantConcurrency;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two users run 3-turn conversations against the embedded server: each turn sends the history with the server's actual
 * replies, so its prompt grows turn by turn, and the server's prefix cache serves the earlier turns' part of it -
 * turn 1 (unique) finds nothing cached, later turns do, as the usage says and the summary shows per turn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConversationEndToEndTest {

  /** About 100 tokens: several whole 16-token blocks for the cache to keep. */
  private static final String PROMPT = "Explain, step by step and with an example, how a continuous batching server schedules ".repeat(6)
      .strip();
  private static final int MAX_TOKENS = 12;

  private List<RequestRecord> records;
  private Map<String, List<RequestRecord>> byConversation;
  private JsonNode summary;
  private GroundTruth truth;

  @BeforeAll
  void run(@TempDir Path dir) throws Exception {
    int status = InProcessGatling.run(ConstantConcurrency.class, dir.resolve("gatling"), Map.of(
        "llm.report.dir", dir.resolve("reports").toString(),
        "llm.workload.concurrency", "2",
        "llm.workload.duration", "4s",
        "llm.workload.warmup", "0s",
        "llm.request.maxTokens", Integer.toString(MAX_TOKENS),
        "llm.request.prompt", PROMPT,
        "llm.request.conversation.turns", "3",
        "llm.request.conversation.thinkTime", "100ms"));
    assertEquals(0, status);
    LlmRun run = Launch.current();
    truth = run.server().orElseThrow().groundTruth();
    records = RequestLog.read(run.reportPath().resolve(RequestLog.FILE_NAME));
    summary = Json.MAPPER.readTree(run.reportPath().resolve("summary.json").toFile());
    byConversation = records.stream().collect(Collectors.groupingBy(r -> r.labels().get("conversation"), TreeMap::new,
        Collectors.collectingAndThen(Collectors.toList(), l -> l.stream().sorted(Comparator.comparing(ConversationEndToEndTest::turn))
            .toList())));
  }

  private static int turn(RequestRecord r) {
    return ConversationMetrics.turnOf(r).orElseThrow().turn();
  }

  @Test
  void everyRequestIsATurnOfAConversationInOrderAndAllSucceed() {
    assertTrue(records.stream().allMatch(r -> r.outcome() == Outcome.SUCCESSFUL), records.toString());
    assertTrue(byConversation.size() >= 4, "conversations: " + byConversation.keySet());
    for (List<RequestRecord> turns : byConversation.values()) {
      for (int i = 0; i < turns.size(); i++) {
        assertEquals(i + 1, turn(turns.get(i)), "turns 1, 2, 3 without a gap: " + turns);
        assertEquals("3", turns.get(i).labels().get("turns"));
      }
      for (int i = 1; i < turns.size(); i++) {
        assertTrue(turns.get(i).sendMicros() >= turns.get(i - 1).endMicros() + 90_000,
            "a turn goes after the reply and the think time of 100 ms: " + turns);
      }
    }
    assertTrue(byConversation.values().stream().filter(t -> t.size() == 3).count() >= 2, "completed conversations: " + byConversation);
  }

  @Test
  void eachTurnSendsThePreviousTurnAndItsActualReplySoThePromptGrowsByExactlyThat() {
    int userTurnTokens = 4 + PromptTokenizer.count(PROMPT); // a later user turn: header and end (4) plus the untagged prompt
    int replyOverhead = 4; // the assistant message's header and end marker
    for (List<RequestRecord> turns : byConversation.values()) {
      for (int i = 1; i < turns.size(); i++) {
        RequestRecord before = turns.get(i - 1);
        RequestRecord now = turns.get(i);
        // the simulator counts each generated pseudo-word as one token: the reply's text costs its completion tokens
        assertEquals(before.promptTokens() + replyOverhead + before.completionTokens() + userTurnTokens, now.promptTokens(),
            "turn " + (i + 1) + " = turn " + i + " + its reply + the next user turn: " + turns);
      }
    }
  }

  @Test
  void laterTurnsFindTheEarlierTurnsCachedAndTheFirstFindsNothing() {
    for (List<RequestRecord> turns : byConversation.values()) {
      assertEquals(0, turns.get(0).cachedPromptTokens(), "a conversation's first message is unique: " + turns.get(0));
      for (int i = 1; i < turns.size(); i++) {
        RequestRecord before = turns.get(i - 1);
        RequestRecord now = turns.get(i);
        assertEquals(before.promptTokens() / 16 * 16, now.cachedPromptTokens(),
            "the previous turn's prompt, in whole 16-token blocks, is served from the cache: " + now);
        assertEquals(truth.find(now.requestId()).orElseThrow().cachedPromptTokens(), now.cachedPromptTokens(), "as the server's truth");
      }
    }
  }

  @Test
  void theSummaryHasTheTurnsAndTheConversations() {
    JsonNode level = summary.path("levels").path(0);
    JsonNode conversations = level.path("conversations");
    JsonNode turns = conversations.path("turns");
    assertEquals(3, turns.size(), conversations.toString());
    double previousPrompt = 0;
    for (int k = 0; k < 3; k++) {
      JsonNode t = turns.get(k);
      assertEquals(k + 1, t.path("turn").asInt());
      assertTrue(t.path("promptTokensMean").asDouble() > previousPrompt, "prompt tokens grow turn by turn: " + turns);
      previousPrompt = t.path("promptTokensMean").asDouble();
      assertTrue(t.path("ttftMs").path("p50").asDouble() > 0, t.toString());
    }
    assertEquals(0.0, turns.get(0).path("cachedPromptTokensMean").asDouble(-1), "turn 1: nothing cached");
    assertTrue(turns.get(1).path("cachedPromptTokensMean").asDouble() > 0, turns.toString());
    assertTrue(turns.get(2).path("cachedPromptTokensMean").asDouble() > turns.get(1).path("cachedPromptTokensMean").asDouble(),
        "turn 3 finds more of itself cached than turn 2: " + turns);

    long started = conversations.path("started").asLong();
    assertEquals(started, conversations.path("completed").asLong() + conversations.path("cutShort").asLong()
        + conversations.path("unfinished").asLong(), conversations.toString());
    assertEquals(byConversation.size(), started, "every conversation opened in the one level");
    assertEquals(0, conversations.path("cutShort").asLong());
    assertTrue(conversations.path("durationMeanSeconds").asDouble() > 0.2, "three turns and two think times of 100 ms");
    assertTrue(level.path("cachedPromptShare").asDouble() > 0.3, "later turns are mostly cached: " + level.path("cachedPromptShare"));
    assertEquals(3, summary.path("request").path("conversation").path("turns").asInt());
  }
}
