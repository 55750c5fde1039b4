package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.telemetry.Bottleneck;
import dev.llmload.telemetry.Knee;
import dev.llmload.telemetry.LevelTelemetry;
import dev.llmload.telemetry.TelemetrySummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryTablesTest {

  private static final LevelTelemetry.Server SERVER = new LevelTelemetry.Server(10, 7.9, 8.0, 23.6, 24.0, 12.0, 0.0, null, 1509.0, 1501.6);

  private static TelemetrySummary telemetry(boolean clientBound) {
    LevelTelemetry.Client client = new LevelTelemetry.Client(0.2, 2, 1.2, 3.4, 1, 3.0, 3.0, null, clientBound,
        clientBound ? List.of("event-loop delay p99 23.4 ms (limit 10 ms)") : List.of());
    return new TelemetrySummary("vLLM", List.of("http://127.0.0.1:8000/metrics"), List.of("client"),
        List.of("nvidia-smi failed: exit status 9"), null,
        List.of(new LevelTelemetry(0, "c=1", SERVER, null, client)),
        new Knee(Bottleneck.BATCH_LIMIT, "c=1", clientBound ? "c=1" : null, "From c=1 requests wait in the server: the batch limit is the bottleneck."));
  }

  @Test
  void theSectionNamesTheKneeWhatWasReadAndShowsOnlyColumnsWithValues() {
    StringBuilder h = new StringBuilder();
    TelemetryTables.append(h, Summaries.run().withTelemetry(telemetry(false)));
    String html = h.toString();

    assertTrue(html.contains("<h2>Why the knee is where it is</h2>"), html);
    assertTrue(html.contains("From c=1 requests wait in the server: the batch limit is the bottleneck."), html);
    assertTrue(html.contains("Server metrics (vLLM) from http://127.0.0.1:8000/metrics. Also read: client."), html);
    assertTrue(html.contains("nvidia-smi failed: exit status 9"), "what went wrong reading is said");
    assertTrue(html.contains("<th>waiting mean</th>") && html.contains("<td>23.6</td>"), html);
    assertFalse(html.contains("prefix hits %"), "no level has a value in that column");
    assertFalse(html.contains("GPU memory peak MiB"), "nothing measured the GPUs");
    assertTrue(html.contains("<td class=\"msg\">kept up</td>"), html);
  }

  @Test
  void aClientBoundLevelIsFlaggedWithItsReasonsOnThePageAndTheConsole() {
    StringBuilder h = new StringBuilder();
    TelemetryTables.append(h, Summaries.run().withTelemetry(telemetry(true)));

    assertTrue(h.toString().contains("<span class=\"bad\">client-bound</span>: event-loop delay p99 23.4 ms (limit 10 ms)"), h.toString());
    assertEquals(List.of("", "knee: From c=1 requests wait in the server: the batch limit is the bottleneck.",
        "  c=1: CLIENT-BOUND, these numbers are the load generator's, not the server's: event-loop delay p99 23.4 ms (limit 10 ms)"),
        ConsoleReporter.telemetryLines(telemetry(true)));
  }

  @Test
  void nothingWithoutTelemetry() {
    StringBuilder h = new StringBuilder();
    TelemetryTables.append(h, Summaries.run());

    assertEquals("", h.toString());
    assertEquals(List.of(), ConsoleReporter.telemetryLines(null));
    assertEquals(List.of(), TelemetryTables.seriesCanvases(Summaries.run()));
  }
}
