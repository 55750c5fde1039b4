package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requested against received lengths: the means, and the rule (more than 5 % and 2 tokens off) that flags a level. */
class LengthCheckTest {

  private static final LevelSchedule ONE_LEVEL = new LevelSchedule(List.of(LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(10))));

  @Test
  void theRuleNeedsBothTheShareAndTheTokens() {
    assertFalse(LengthCheck.notHonoured(512, 512));
    assertFalse(LengthCheck.notHonoured(512, 537), "4.9 % off");
    assertTrue(LengthCheck.notHonoured(512, 538), "5.1 % off");
    assertTrue(LengthCheck.notHonoured(512, 480));
    assertFalse(LengthCheck.notHonoured(16, 18), "12.5 % but 2 tokens: a short length is not flagged for a token or two");
    assertTrue(LengthCheck.notHonoured(16, 19));
  }

  @Test
  void nothingAskedNothingReported() {
    assertNull(LengthCheck.summarise("c=1", new LengthCheck.Sums(0, 0, 0, 0, 0, 0)));
  }

  @Test
  void meansOverTheRequestsThatAskedAndAWarningNamingWhatWasOff() {
    LevelSummary.Lengths l = LengthCheck.summarise("c=4", new LengthCheck.Sums(1024, 1020, 2, 256, 75, 2));
    assertEquals(512.0, l.requestedInputTokensMean());
    assertEquals(510.0, l.receivedInputTokensMean());
    assertEquals(128.0, l.requestedOutputTokensMean());
    assertEquals(37.5, l.receivedOutputTokensMean());
    assertEquals("c=4: the server did not honour the requested lengths (a mean more than 5 % and 2 tokens off): output 128.0 tokens "
        + "requested, 37.5 received (-70.7 %): the server stopped early or went on - it does not honour ignore_eos, min_tokens or max_tokens",
        l.lengthWarning());
    LevelSummary.Lengths inputOnly = LengthCheck.summarise("c=1", new LengthCheck.Sums(1000, 1200, 2, 0, 0, 0));
    assertNull(inputOnly.requestedOutputTokensMean());
    assertTrue(inputOnly.lengthWarning().contains("input 500.0 tokens requested, 600.0 received in usage.prompt_tokens (+20.0 %)"),
        inputOnly.lengthWarning());
  }

  @Test
  void theAggregatorComparesSuccessfulMeasuredRequestsThatAskedForALength() {
    RunAggregator a = new RunAggregator(ONE_LEVEL);
    a.add(Records.successful().send(1_000).chunks(2_000, 3_000).usage(300, 2).requested(300, 2).build());
    a.add(Records.successful().send(1_000).chunks(2_000, 3_000).usage(310, 2).requested(300, 2).build());
    a.add(Records.successful().send(1_000).chunks(2_000).usage(50, 1).build()); // asked for nothing
    a.add(Records.errored("http_error", "HTTP 500").send(1_000).end(2_000).requested(300, 2).build()); // failed: not compared
    LevelSummary.Lengths l = a.summary(0).lengths();
    assertEquals(300.0, l.requestedInputTokensMean());
    assertEquals(305.0, l.receivedInputTokensMean());
    assertEquals(2.0, l.requestedOutputTokensMean());
    assertEquals(2.0, l.receivedOutputTokensMean());
    assertNull(l.lengthWarning(), "5 tokens but 1.7 %: honoured");
    assertNull(new RunAggregator(ONE_LEVEL).summary(0).lengths());
  }
}
