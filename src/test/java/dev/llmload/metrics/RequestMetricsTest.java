package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.openai.AssembledStream;
import dev.llmload.openai.SseTranscript;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The metric definitions of DESIGN.md, checked against values worked out by hand (all times in microseconds). */
class RequestMetricsTest {

  /** Derived values are exact integers or simple fractions: compare doubles to 1e-9. */
  private static final double EXACT = 1e-9;

  @Test
  void multiTokenChunksUseUsageForTpotAndTokensPerSecond() {
    // 4 chunks carrying 10 tokens (usage), e.g. speculative decoding.
    RequestRecord r = Records.successful().send(1_000).chunks(51_000, 71_000, 91_000, 131_000).end(132_000).usage(20, 10).build();

    assertEquals(OptionalLong.of(50_000), RequestMetrics.ttftMicros(r));
    assertArrayEquals(new long[] {20_000, 20_000, 40_000}, RequestMetrics.itlMicros(r));
    // (131_000 - 51_000) / (10 - 1)
    assertEquals(80_000.0 / 9, RequestMetrics.tpotMicros(r).getAsDouble(), EXACT);
    // last content chunk - send, not the [DONE] at 132_000
    assertEquals(OptionalLong.of(130_000), RequestMetrics.e2eMicros(r));
    // 10 tokens / 0.13 s
    assertEquals(76.92307692307692, RequestMetrics.requestTokensPerSecond(r).getAsDouble(), EXACT);
    assertEquals(2.5, RequestMetrics.tokensPerChunk(r), EXACT);
    assertEquals(10, RequestMetrics.outputTokens(r));
    assertEquals(TokenCountSource.USAGE, RequestMetrics.tokenCountSource(r));
  }

  @Test
  void roleOnlyFirstChunkDoesNotStartTtft() {
    // vllm-chat.sse: role chunk at +1 ms, content at +41, +61, +81, +101 ms, usage says 4 tokens.
    // The request is sent 2 s into the run; the recorder turns nanoTime into micros since the run start.
    long runStartNanos = 7_000_000_000L;
    long sendMicros = 2_000_000;
    SseTranscript transcript = SseTranscript.load("vllm-chat.sse");
    AssembledStream stream = transcript.assemble(runStartNanos + sendMicros * 1_000);
    long[] chunkMicros = Arrays.stream(stream.contentNanos()).map(n -> (n - runStartNanos) / 1_000).toArray();
    RequestRecord r = Records.successful().send(sendMicros).chunks(chunkMicros).end(sendMicros + transcript.lastArrivalMicros())
        .usage(stream.promptTokens(), stream.completionTokens()).build();

    assertArrayEquals(new long[] {2_041_000, 2_061_000, 2_081_000, 2_101_000}, r.chunkMicros());
    assertEquals(OptionalLong.of(41_000), RequestMetrics.ttftMicros(r), "TTFT starts at the first content chunk, not the role chunk");
    assertArrayEquals(new long[] {20_000, 20_000, 20_000}, RequestMetrics.itlMicros(r));
    assertEquals(20_000.0, RequestMetrics.tpotMicros(r).getAsDouble(), EXACT);
    assertEquals(OptionalLong.of(101_000), RequestMetrics.e2eMicros(r));
    assertEquals(4_000_000.0 / 101_000, RequestMetrics.requestTokensPerSecond(r).getAsDouble(), EXACT);
    assertEquals(1.0, RequestMetrics.tokensPerChunk(r), EXACT);
    assertEquals(TokenCountSource.USAGE, RequestMetrics.tokenCountSource(r));
  }

  @Test
  void missingUsageFallsBackToTheChunkCount() {
    RequestRecord r = Records.successful().send(0).chunks(100_000, 150_000, 250_000).end(260_000).build();

    assertEquals(3, RequestMetrics.outputTokens(r));
    assertEquals(TokenCountSource.CHUNKS, RequestMetrics.tokenCountSource(r));
    assertEquals(75_000.0, RequestMetrics.tpotMicros(r).getAsDouble(), EXACT);
    assertEquals(12.0, RequestMetrics.requestTokensPerSecond(r).getAsDouble(), EXACT);
    assertEquals(1.0, RequestMetrics.tokensPerChunk(r), EXACT);
  }

  @Test
  void singleTokenOutputHasTtftAndE2eButNoTpotOrItl() {
    RequestRecord r = Records.successful().send(0).chunks(40_000).end(40_500).usage(12, 1).build();

    assertEquals(OptionalLong.of(40_000), RequestMetrics.ttftMicros(r));
    assertEquals(0, RequestMetrics.itlMicros(r).length);
    assertEquals(OptionalDouble.empty(), RequestMetrics.tpotMicros(r));
    assertEquals(OptionalLong.of(40_000), RequestMetrics.e2eMicros(r));
    assertEquals(25.0, RequestMetrics.requestTokensPerSecond(r).getAsDouble(), EXACT);
  }

  @Test
  void noContentAtAllLeavesEveryMetricEmptyNotZero() {
    RequestRecord r = Records.successful().send(1_000).end(90_000).usage(12, 0).build();

    assertEquals(OptionalLong.empty(), RequestMetrics.ttftMicros(r));
    assertEquals(0, RequestMetrics.itlMicros(r).length);
    assertEquals(OptionalDouble.empty(), RequestMetrics.tpotMicros(r));
    assertEquals(OptionalLong.empty(), RequestMetrics.e2eMicros(r));
    assertEquals(OptionalDouble.empty(), RequestMetrics.requestTokensPerSecond(r));
    assertEquals(0.0, RequestMetrics.tokensPerChunk(r), EXACT);

    RequestRecord noUsage = Records.successful().send(1_000).end(90_000).build();
    assertEquals(0, RequestMetrics.outputTokens(noUsage));
    assertEquals(OptionalDouble.empty(), RequestMetrics.requestTokensPerSecond(noUsage));
  }

  @Test
  void zeroE2eHasNoTokensPerSecond() {
    RequestRecord r = Records.successful().send(5_000).chunks(5_000).usage(1, 1).build();
    assertEquals(OptionalLong.of(0), RequestMetrics.e2eMicros(r));
    assertEquals(OptionalDouble.empty(), RequestMetrics.requestTokensPerSecond(r));
  }

  @Test
  void recordRejectsImpossibleTimes() {
    IllegalArgumentException end = assertThrows(IllegalArgumentException.class,
        () -> Records.successful().send(100).end(99).build());
    assertEquals("endMicros must not be before sendMicros, was 99 < 100", end.getMessage());

    IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
        () -> Records.successful().send(0).chunks(10, 30, 20).end(40).build());
    assertEquals("chunkMicros must be in arrival order, chunk 2 is earlier than chunk 1", order.getMessage());

    IllegalArgumentException level = assertThrows(IllegalArgumentException.class, () -> Records.successful().level(-1).build());
    assertTrue(level.getMessage().contains("was -1"), level.getMessage());
  }
}
