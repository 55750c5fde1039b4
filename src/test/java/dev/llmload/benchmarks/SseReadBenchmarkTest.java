package dev.llmload.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.gatling.internal.SseDecoder;
import dev.llmload.recording.StreamTracker;
import io.gatling.http.action.sse.fsm.ServerSentEvent;
import io.gatling.http.action.sse.fsm.SseStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The per-message cost of reading a stream on the event loop, in one thread, Gatling's SSE path against ours: a vLLM
 * chat stream of 100 content chunks and {@code [DONE]}, each message in its own read, fed through (a) Gatling's
 * {@code SseStreamDecoder} and {@code ServerSentEvent.asJsonString} (what its SSE check is handed) into the tracker, as
 * before issue 14, and (b) our {@link SseDecoder} into the tracker, as now. Gatling's check machinery (the matching
 * and the check's validations per message) is left out of (a), so the ratio understates the difference. Rounds of A
 * and B alternate so the machine's drift hits both; prints the median of the rounds in ns per message and the ratio.
 * It asserts only that both paths read every message: timings are printed, never asserted.
 * Run: {@code mvn -o test -Dtest=SseReadBenchmarkTest -DexcludedGroups= -Dgroups=benchmark}.
 */
@Tag("benchmark")
class SseReadBenchmarkTest {

  private static final int MESSAGES = 100;
  private static final int STREAMS_PER_ROUND = 20_000;
  private static final int ROUNDS = 9;

  private static ByteBuf[] stream() {
    ByteBuf[] reads = new ByteBuf[MESSAGES + 1];
    for (int i = 0; i < MESSAGES; i++) {
      String chunk = "{\"id\":\"chatcmpl-9b1e\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"Qwen/Qwen2.5-7B-Instruct\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok" + i + "\"},\"logprobs\":null,\"finish_reason\":null}]}";
      reads[i] = Unpooled.wrappedBuffer(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    reads[MESSAGES] = Unpooled.wrappedBuffer("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    return reads;
  }

  /** Gatling's path: its decoder, each event re-encoded as JSON for the check, the JSON kept by the tracker. */
  private static int gatling(ByteBuf[] reads) {
    StreamTracker tracker = new StreamTracker("r", 0, false, 1, 0);
    SseStreamDecoder decoder = new SseStreamDecoder();
    int done = 0;
    for (ByteBuf read : reads) {
      long now = System.nanoTime();
      scala.collection.Iterator<ServerSentEvent> events = decoder.decodeStream(read).iterator();
      while (events.hasNext()) {
        String json = events.next().asJsonString();
        // before issue 14 the tracker recognised [DONE] in this form and kept the JSON
        if (json.endsWith("\"data\":[DONE]}")) {
          done++;
        } else {
          tracker.onData(json, now);
        }
      }
    }
    return tracker.count() + done;
  }

  /** Our path: the bytes decoded straight into each event's data, handed to the tracker with the read's time. */
  private static int ours(ByteBuf[] reads) {
    StreamTracker tracker = new StreamTracker("r", 0, false, 1, 0);
    SseDecoder decoder = new SseDecoder();
    long[] now = new long[1];
    SseDecoder.Events events = data -> tracker.onData(data, now[0]);
    for (ByteBuf read : reads) {
      now[0] = System.nanoTime();
      decoder.decode(read, events);
    }
    return tracker.count() + (tracker.done() ? 1 : 0);
  }

  private static double nanosPerMessage(java.util.function.ToIntFunction<ByteBuf[]> path, ByteBuf[] reads) {
    long start = System.nanoTime();
    long messages = 0;
    for (int i = 0; i < STREAMS_PER_ROUND; i++) {
      messages += path.applyAsInt(reads);
    }
    return (System.nanoTime() - start) / (double) messages;
  }

  @Test
  void printsThePerMessageCostOfBothPaths() {
    ByteBuf[] reads = stream();
    assertEquals(MESSAGES + 1, gatling(reads), "both paths read every message");
    assertEquals(MESSAGES + 1, ours(reads), "both paths read every message");
    for (int i = 0; i < 3; i++) { // JIT warm-up of both
      nanosPerMessage(SseReadBenchmarkTest::gatling, reads);
      nanosPerMessage(SseReadBenchmarkTest::ours, reads);
    }
    double[] a = new double[ROUNDS];
    double[] b = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      a[r] = nanosPerMessage(SseReadBenchmarkTest::gatling, reads);
      b[r] = nanosPerMessage(SseReadBenchmarkTest::ours, reads);
    }
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    double gatling = a[ROUNDS / 2];
    double ours = b[ROUNDS / 2];
    System.out.printf(Locale.ROOT, "per message (median of %d rounds of %,d streams of %d messages): Gatling's SSE path %.0f ns, ours %.0f ns, "
        + "ratio %.1fx%n", ROUNDS, STREAMS_PER_ROUND, MESSAGES + 1, gatling, ours, gatling / ours);
  }
}
