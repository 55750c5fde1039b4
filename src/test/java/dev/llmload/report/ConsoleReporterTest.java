package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

  @Test
  void levelLineWithEveryValue() {
    assertEquals("c=1     ok 10 err 1 inc 2 | out 123.5 tok/s | TTFT p50 44.0 p99 88.1 ms | ITL p50 12.0 p99 20.0 ms"
        + " | 2 re-sent after a stale connection | cached 75% of prompt tokens",
        ConsoleReporter.levelLine(Summaries.level0()));
  }

  @Test
  void aLevelWhoseLengthsWereNotHonouredGetsAWarningLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8)).level(Summaries.notHonoured());
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertEquals("[llm-loadtest] WARNING: c=1: the server did not honour the requested lengths", lines[1]);
  }

  @Test
  void anOpenLevelsLineShowsItsSendLagAndHowManyWentOut() {
    assertEquals("5/s     ok 60 err 0 inc 0 | out 320.0 tok/s | TTFT p50 48.0 p99 70.0 ms | ITL p50 - p99 - ms"
        + " | send lag p50 0.3 p99 0.9 ms | sent 60 of 60 scheduled", ConsoleReporter.levelLine(Summaries.openLevel()));
  }

  @Test
  void aProbeRequestShowsWhatASingleUserProbeShows() {
    // sent at 0, chunks at 100, 110, 120, 130 ms; usage 17 in / 4 out
    dev.llmload.metrics.RequestRecord r = dev.llmload.metrics.Records.successful().send(0).chunks(100_000, 110_000, 120_000, 130_000)
        .usage(17, 4).build();
    assertEquals("large    in 17 tok | out 4 tok | TTFT 100.0 ms | ITL 10.0 ms | 30.8 tok/s | TPM 1846 | E2E 0.13 s",
        ConsoleReporter.probeLine("large", r));
    dev.llmload.metrics.RequestRecord failed = dev.llmload.metrics.Records.errored("http_error", "HTTP 500: boom").end(5).build();
    assertEquals("small    errored: HTTP 500: boom", ConsoleReporter.probeLine("small", failed));
  }

  @Test
  void levelLineShowsADashForMissingLatencies() {
    assertEquals("c=2     ok 0 err 4 inc 0 | out 0.0 tok/s | TTFT p50 - p99 - ms | ITL p50 - p99 - ms",
        ConsoleReporter.levelLine(Summaries.level1()));
  }

  @Test
  void levelInfoAndErrorArePrefixed() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleReporter reporter = new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    reporter.level(Summaries.level1());
    reporter.error("Cannot reach http://127.0.0.1:1/v1/models: connection refused.");

    String nl = System.lineSeparator();
    assertEquals("[llm-loadtest] " + ConsoleReporter.levelLine(Summaries.level1()) + nl
        + "[llm-loadtest] ERROR: Cannot reach http://127.0.0.1:1/v1/models: connection refused." + nl, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void tableHasOneLinePerLevel() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).table(Summaries.run());
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");

    assertEquals("", lines[0]);
    assertEquals("llm-loadtest ConcurrencySweep - Qwen/Qwen2.5-0.5B-Instruct (http://127.0.0.1:8000/v1)", lines[1]);
    assertTrue(lines[2].startsWith("level        ok   err   inc retries  out tok/s    req/s hdrs p50"), lines[2]);
    assertEquals("c=1          10     1     2       2      123.5     0.83      4.0      44.0      88.1     12.0     20.0      12.5     75%",
        lines[3]);
    assertEquals("c=2           0     4     0       0        0.0     0.00        -         -         -        -        -         -       -",
        lines[4], "the server did not say how many prompt tokens were cached: a dash, not 0");
    assertTrue(lines[5].startsWith("(latencies in ms; retries = "), lines[5]);
    assertTrue(lines[6].startsWith(" cached = share of prompt tokens"), lines[6]);
    assertEquals(7, lines.length);
  }

  @Test
  void aReplicatedRunEndsWithALinePerEndpoint() {
    java.util.List<String> lines = ConsoleReporter.endpointLines(Summaries.replicated());
    assertEquals(java.util.List.of(
        "per endpoint (least-outstanding):",
        "c=1      http://127.0.0.1:8001/v1   77 % | ok 7 err 1 inc 2 | out 100.5 tok/s | TTFT p50 44.0 p99 88.1 ms | ITL p50 12.0 p99 20.0 ms",
        "c=1      http://127.0.0.1:8002/v1   23 % | ok 3 err 0 inc 0 | out 23.0 tok/s | TTFT p50 30.0 p99 32.0 ms | ITL p50 12.0 p99 20.0 ms",
        "NOTE: c=1: requests split unevenly over the endpoints: http://127.0.0.1:8001/v1 10 (77 %), http://127.0.0.1:8002/v1 3 (23 %); "
            + "even would be 50 % each",
        "c=2      http://127.0.0.1:8001/v1    0 % | ok 0 err 0 inc 0 | out 0.0 tok/s | TTFT p50 - p99 - ms | ITL p50 - p99 - ms",
        "c=2      http://127.0.0.1:8002/v1  100 % | ok 0 err 4 inc 0 | out 0.0 tok/s | TTFT p50 - p99 - ms | ITL p50 - p99 - ms",
        "NOTE: c=2: requests split unevenly over the endpoints: http://127.0.0.1:8001/v1 0 (0 %), http://127.0.0.1:8002/v1 4 (100 %); "
            + "even would be 50 % each"), lines);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8)).table(Summaries.replicated());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(lines.get(1)), "the table ends with them");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("(http://127.0.0.1:8001/v1, http://127.0.0.1:8002/v1 (2 replicas, "
        + "least-outstanding))"), "the title names every replica");
  }

  @Test
  void aRunWithOneBaseUrlHasNoEndpointLines() {
    assertEquals(java.util.List.of(), ConsoleReporter.endpointLines(Summaries.run()));
  }

  @Test
  void aConversationRunShowsItsConversationsAndTurns() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).table(Summaries.conversationRun());
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");

    assertEquals("", lines[7]);
    assertEquals("conversations   opened completed cut short unfinished   turns     dur s    tokens", lines[8]);
    assertEquals("c=1                 12        11         0          1     2.9       0.6     999.0", lines[9]);
    assertEquals("turns          turn requests     ok  TTFT p50  TTFT p95   in tok cached tok", lines[10]);
    assertEquals("c=1               1       12     12      20.5     333.5    157.0        0.0", lines[11]);
    assertEquals("c=1               2       12     11      21.5      68.5    321.0      144.0", lines[12]);
    assertTrue(lines[13].startsWith("(conversations that opened in each level"), lines[13]);
    assertEquals(15, lines.length);
  }

  @Test
  void aLevelLineSaysHowItsConversationsEnded() {
    assertTrue(ConsoleReporter.levelLine(Summaries.conversationLevel()).endsWith(" | conversations 12 opened, 11 completed, 0 cut short"),
        ConsoleReporter.levelLine(Summaries.conversationLevel()));
  }

  @Test
  void aRunWithAnSloEndsWithItsLevelsAndTheHeadline() {
    assertEquals(java.util.List.of("",
        "SLO: TTFT <= 500 ms at p95 of each level's distribution; failed requests at most 10 %",
        "c=1      met    attainment  95.0 % | goodput 1.50 req/s 120.0 tok/s | $2.25 per 1M output tokens",
        "c=2      missed attainment   0.0 % | goodput 0.00 req/s 0.0 tok/s | - per 1M output tokens (TTFT p95 612.3 ms above 500 ms)",
        "HIGHEST LOAD WITHIN SLO: c=1, 123.5 output tokens/s, $2.25 per 1M output tokens."), ConsoleReporter.sloLines(Summaries.sloRun(), 8));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new ConsoleReporter(new java.io.PrintStream(out, true)).table(Summaries.sloRun());
    assertTrue(out.toString().contains("HIGHEST LOAD WITHIN SLO: c=1"), out.toString());
    assertEquals(java.util.List.of(), ConsoleReporter.sloLines(Summaries.run(), 8), "no SLO, no price: nothing");
  }

  @Test
  void aLevelLineSaysWhetherItMetTheSlo() {
    String line = ConsoleReporter.levelLine(Summaries.sloRun().levels().get(0));
    assertTrue(line.endsWith(" | SLO met, attainment 95.0 %"), line);
  }

  @Test
  void theGatesBlockListsEveryGateWithItsVerdict() {
    List<dev.llmload.nightly.Check> checks = List.of(
        new dev.llmload.nightly.Check("gates", "ttftMs.p95 at c=1 <= 800 ms", true, "measured 612.3 ms, limit <= 800 ms"),
        new dev.llmload.nightly.Check("gates", "errorRate at c=2 <= 0.01", false, "measured 1, limit <= 0.01"));
    assertEquals(List.of("", "gates (llm.gates): 1 of 2 FAILED",
        "  pass  ttftMs.p95 at c=1 <= 800 ms  measured 612.3 ms, limit <= 800 ms",
        "  FAIL  errorRate at c=2 <= 0.01     measured 1, limit <= 0.01"), ConsoleReporter.gateLines(checks));
    assertEquals("gates (llm.gates): all 1 passed", ConsoleReporter.gateLines(checks.subList(0, 1)).get(1));
    assertEquals(List.of(), ConsoleReporter.gateLines(List.of()));
  }
}
