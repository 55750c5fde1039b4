package dev.llmload.server;

import static dev.llmload.server.TestServers.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.server.truth.RequestTruth;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The default preset against the real clock: what a user's first sweep sees. The engine's exact timing is tested in
 * virtual time (engine tests); here only its order of magnitude, with bounds a loaded 2-core CI machine keeps: never
 * faster than the model, at most twice as slow (a steady 20 % over was seen under load).
 */
class PresetTimingTest {

  @Test
  void a128TokenIgnoreEosAnswerTakesAboutOneSecondAloneOnTheDefaultPreset() throws IOException {
    try (SimulatedServer server = SimulatedServer.start(ServerSettings.defaults());
        RawHttp http = new RawHttp(server.getUri())) {
      // The very first request still pays some class loading (~16 ms instead of ~9 ms TTFT): warm up first.
      http.exchange(RawHttp.postJson("/v1/chat/completions", TestServers.chatBody("sim-fast", true, true, 4),
          id("warm-up")));
      long sent = System.nanoTime();
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions",
          TestServers.chatBody("sim-fast", true, true, 128), id("one-second")));
      double seconds = (System.nanoTime() - sent) / 1e9;
      assertTrue(r.complete());
      assertTrue(seconds >= 1.0 && seconds <= 2.5, "took " + seconds + " s");
      RequestTruth t = server.groundTruth().find("one-second").orElseThrow();
      assertEquals(128, t.completionTokens());
      double itlMillis = (t.lastContentNanos() - t.firstContentNanos()) / 1e6 / 127;
      assertTrue(itlMillis >= 8.0 && itlMillis <= 16.2, "mean inter-token latency " + itlMillis + " ms: decodeBaseMs + decodePerSeqMs = 8.1");
      double ttftMillis = (t.firstContentNanos() - t.receivedNanos()) / 1e6;
      assertTrue(ttftMillis >= 8.0 && ttftMillis < 30, "TTFT " + ttftMillis + " ms");
    }
  }
}
