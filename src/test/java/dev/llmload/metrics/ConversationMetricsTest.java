package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConversationMetricsTest {

  private static RequestRecord labelled(Map<String, String> labels) {
    return Records.successful().labels(labels).send(0).chunks(10, 20).build();
  }

  @Test
  void aTurnIsReadFromItsLabels() {
    ConversationMetrics.TurnOf t = ConversationMetrics.turnOf(labelled(Map.of("conversation", "c-1", "turn", "2", "turns", "3")))
        .orElseThrow();
    assertEquals(new ConversationMetrics.TurnOf("c-1", 2, 3), t);
    assertFalse(t.last());
    assertTrue(new ConversationMetrics.TurnOf("c-1", 3, 3).last());
  }

  @Test
  void aRequestThatIsNoReadableTurnIsNone() {
    assertEquals(Optional.empty(), ConversationMetrics.turnOf(labelled(Map.of())), "a single request");
    for (Map<String, String> bad : List.of(Map.of("conversation", "c", "turn", "x", "turns", "3"),
        Map.of("conversation", "c", "turn", "4", "turns", "3"), Map.of("conversation", "c", "turn", "0", "turns", "3"),
        Map.of("conversation", "c", "turn", "1"))) {
      assertEquals(Optional.empty(), ConversationMetrics.turnOf(labelled(bad)), bad.toString());
    }
  }

  @Test
  void aTurnsTokensAreItsPromptAndItsOutputWhenTheServerSentUsage() {
    assertEquals(OptionalLong.of(90), ConversationMetrics.turnTokens(Records.successful().send(0).chunks(10).usage(80, 10).build()));
    assertEquals(OptionalLong.empty(), ConversationMetrics.turnTokens(labelled(Map.of())), "no usage: unknown");
  }
}
