package dev.llmload.workload.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Api;
import dev.llmload.config.TokenLength;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource;
import dev.llmload.workload.RequestSource.Message;
import dev.llmload.workload.RequestSource.PlannedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests of a group share exactly their prefix, in turn over the groups, and their requested length counts it. */
class SharedPrefixTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  @Test
  void groupsTakeTurnsAndShareExactlyTheirPrefix() {
    SharedPrefix source = new SharedPrefix(new SyntheticPrompts(new TokenLength.Fixed(300), true, 3), 128, 2, 3);
    Preparation preparation = Preparation.with(Api.CHAT, "m", new SimulatorCounter());
    source.prepare(preparation);
    assertTrue(preparation.calibration().stream().anyMatch(l -> l.equals("shared prefix: 2 groups of 128 tokens (the first counted 128 by "
        + "the simulator's tokenizer)")), preparation.calibration().toString());
    List<PlannedRequest> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(source.next(LEVEL));
    }
    for (int i = 0; i < requests.size(); i++) {
      PlannedRequest r = requests.get(i);
      assertEquals(Integer.toString(i % 2 + 1), r.labels().get("prefixGroup"));
      assertEquals("300", r.labels().get("synthetic"), "the source's labels kept");
      assertEquals(300 + 128, r.inputTokens());
      assertEquals(r.inputTokens(), PromptTokenizer.chatPromptTokens(List.of(r.prompt())), "as the simulator will count it");
    }
    int[] a = PromptTokenizer.ids(requests.get(0).prompt());
    int[] b = PromptTokenizer.ids(requests.get(2).prompt());
    int[] other = PromptTokenizer.ids(requests.get(1).prompt());
    assertEquals(128, sharedTokens(a, b), "the same group shares the prefix and not one token more (each has its own start after it)");
    assertTrue(sharedTokens(a, other) < 4, "another group shares (almost) nothing");
  }

  @Test
  void aConversationGetsThePrefixInItsFirstMessageAndNoLengthWhenNoneWasAsked() {
    RequestSource conversation = level -> PlannedRequest.ofMessages(List.of(new Message("system", "Be brief."), new Message("user", "Hi")),
        Map.of());
    SharedPrefix source = new SharedPrefix(conversation, 16, 1, 1);
    source.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter()));
    PlannedRequest r = source.next(LEVEL);
    assertEquals(16, PromptTokenizer.count(r.messages().get(0).content()) - PromptTokenizer.count("Be brief."));
    assertTrue(r.messages().get(0).content().endsWith(" Be brief."), r.messages().toString());
    assertEquals("Hi", r.messages().get(1).content());
    assertEquals(-1, r.inputTokens());
    SharedPrefix sized = new SharedPrefix(level -> new PlannedRequest("x", Map.of()).withInputTokens(5), 16, 1, 1);
    sized.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter()));
    assertEquals(5 + 16, sized.next(LEVEL).inputTokens());
  }

  @Test
  void usedBeforeItWasPreparedFailsClearly() {
    SharedPrefix source = new SharedPrefix(level -> new PlannedRequest("x", Map.of()), 16, 1, 1);
    assertTrue(assertThrows(IllegalStateException.class, () -> source.next(LEVEL)).getMessage().contains("prepare"));
    assertThrows(IllegalArgumentException.class, () -> new SharedPrefix(level -> null, 0, 1, 1));
  }

  private static int sharedTokens(int[] a, int[] b) {
    int n = 0;
    while (n < a.length && n < b.length && a[n] == b[n]) {
      n++;
    }
    return n;
  }
}
