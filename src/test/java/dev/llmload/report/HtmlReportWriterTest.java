package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.metrics.FailureKind;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.MetricDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

  private static final String HOSTILE_MODEL = "<img src=x onerror=alert(1)>&\"'";
  /** An HTML error page as a server might send it: "<!--" then "<script" would swallow the page's own </script>. */
  private static final String HOSTILE_MESSAGE = "<!DOCTYPE html><!-- proxy --><script>var a = 1;</script><b>502</b>";

  @TempDir
  Path dir;

  private String written(RunSummary summary) throws IOException {
    Path file = dir.resolve("index.html");
    new HtmlReportWriter().write(summary, file);
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static RunSummary hostile() {
    LevelSummary l = Summaries.level1();
    LevelSummary withHostileError = new LevelSummary(l.index(), l.label(), l.kind(), l.concurrency(), l.rate(), l.durationSeconds(), l.requests(),
        l.warmupRequests(), l.inFlightMean(), 0, null, null, null, null, null, null, 0, 0, 0, 0, null, null, null,
        List.of(new LevelSummary.ErrorSummary("http_error", 4, HOSTILE_MESSAGE)), null, null, null, null);
    return Summaries.run(HOSTILE_MODEL, List.of(Summaries.level0(), withHostileError));
  }

  @Test
  void theRequestRowSaysWhatWasSentWhenLengthsWereAskedFor() {
    assertEquals("max_tokens 128, ignore_eos, prompt of 78 characters, each made unique (no prefix-cache hits)",
        HtmlReportWriter.requestFacts(new RequestInfo(128, true, 78, true)));
    assertEquals("max_tokens per request (below), ignore_eos, prompts as asked for (below), each made unique (no prefix-cache hits)",
        HtmlReportWriter.requestFacts(new RequestInfo(128, true, 78, true, "the server's tokenizer", java.util.List.of(),
            "synthetic input uniform(200, 600) tokens, output 64 tokens (min_tokens too)")));
    assertEquals("max_tokens 16, prompts as asked for (below), the same text every time",
        HtmlReportWriter.requestFacts(new RequestInfo(16, false, 78, false, null, java.util.List.of(), "promptSet large")));
  }

  @Test
  void fileName() {
    assertEquals("index.html", new HtmlReportWriter().fileName());
  }

  @Test
  void levelTableHasOneRowPerLevelWithItsNumbers() throws IOException {
    String html = written(Summaries.run());

    assertEquals(1, count(html, "<h2>Per level</h2>"));
    assertTrue(html.contains("<th>level</th><th>in flight</th><th>ok</th><th>err</th><th>inc</th><th>conn. retries</th>"
        + "<th>output tok/s</th><th>total tok/s</th><th>req/s</th><th>headers p50</th><th>headers p99</th><th>TTFT p50</th>"), "table header");
    assertTrue(html.contains("<tr><td>c=1</td><td>1.25</td><td>10</td><td>1</td><td>2</td><td>2</td><td>123.5</td><td>456.8</td>"
        + "<td>0.83</td><td>4</td><td>8.13</td><td>44</td><td>88.1</td><td>12</td><td>20</td><td>12.5</td><td>1640</td><td>1750</td><td>17</td><td>128</td><td>usage</td>"
        + "<td>12.5</td><td>75</td></tr>"),
        "level 0 row");
    assertTrue(html.contains("<tr><td>c=2</td><td>2</td><td>0</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>"
        + "<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>"
        + "<td>-</td><td>-</td></tr>"),
        "level 1 row: missing values are '-', not 0");
  }

  @Test
  void requestedAndReceivedLengthsGetTheirTableAndTheTokenCountsTheirRows() throws IOException {
    assertFalse(written(Summaries.run()).contains("Requested vs received"), "no length asked for, no table");
    RunSummary s = Summaries.run(Summaries.MODEL, List.of(Summaries.notHonoured(), Summaries.level1()));
    RunSummary withTokens = new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), s.partial(),
        s.partialReason(), s.target(), new RequestInfo(128, true, 80, true, "the server's tokenizer (POST http://127.0.0.1:8000/tokenize, "
        + "vLLM shape)", List.of("chat template: 8 tokens", "check: exact"), "synthetic input 512 tokens, output 128 tokens"), s.levels(),
        s.gatlingReport(), s.notes(), s.serverQuirks(), s.runClock(), s.stoppedEarly());
    String html = written(withTokens);
    assertTrue(html.contains("<h2>Requested vs received tokens</h2>"));
    assertTrue(html.contains("<tr><td>c=1</td><td>512</td><td>512</td><td>128</td><td>37.5</td><td><span class=\"bad\">no</span></td></tr>"),
        "requested and received means, not honoured");
    assertFalse(html.contains("<tr><td>c=2</td><td>-</td>"), "a level that asked for nothing has no row");
    assertTrue(html.contains("<tr><th>Token counts</th><td>the server&#39;s tokenizer (POST http://127.0.0.1:8000/tokenize, vLLM shape)</td></tr>"));
    assertTrue(html.contains("<tr><th>Calibration</th><td>chat template: 8 tokens\ncheck: exact</td></tr>"));
    assertTrue(html.contains("<tr><th>Lengths asked for</th><td>synthetic input 512 tokens, output 128 tokens</td></tr>"));
  }

  @Test
  void openLevelsGetTheScheduleTableAndClosedRunsDoNot() throws IOException {
    assertFalse(written(Summaries.run()).contains("Open workload"), "no open level, no table");
    String html = written(Summaries.run(Summaries.MODEL, List.of(Summaries.openLevel())));
    assertTrue(html.contains("<h2>Open workload: schedule kept?</h2>"));
    assertTrue(html.contains("<tr><td>5/s</td><td>5</td><td>5</td><td>60</td><td>60</td><td>0.25</td><td>0.90</td><td>1.20</td>"
        + "<td>48.5</td><td>71</td><td>-</td></tr>"), "target, achieved, scheduled, sent, lag p50/p99/max, TTFT from scheduled");
  }

  @Test
  void failuresAreListedWithTheirFirstMessage() throws IOException {
    String html = written(Summaries.run());
    assertTrue(html.contains("<h2>Failures</h2>"));
    assertTrue(html.contains("<tr><td>c=1</td><td>stream_cut</td><td>2</td><td class=\"msg\">cut</td></tr>"), "failure row");
    assertTrue(html.contains("<tr><td>c=2</td><td>http_error</td><td>4</td><td class=\"msg\">HTTP 429</td></tr>"), "failure row");
  }

  @Test
  void theKindsOfTheRunAreExplainedOnceEach() throws IOException {
    String html = written(Summaries.run());
    assertEquals(1, count(html, "<dt>http_error</dt>"), "http_error occurs in two levels, explained once");
    assertTrue(html.contains("<dt>http_error</dt><dd>" + HtmlReportWriter.markup(FailureKind.HTTP_ERROR.meaning()) + "</dd>"), html);
    assertTrue(html.contains("<dt>stream_cut</dt><dd>the connection dropped mid-stream, or the response ended before a finish reason</dd>"));
    assertFalse(html.contains("<dt>timeout</dt>"), "only the kinds that occurred");
  }

  @Test
  void backtickSpansBecomeCodeAndEverythingIsEscaped() {
    assertEquals("an error event (<code>data: {&quot;error&quot;: ...}</code>) inside an HTTP 200 stream",
        HtmlReportWriter.markup(FailureKind.ERROR_EVENT.meaning()));
    assertEquals("<code>&lt;b&gt;</code> and a lone `&lt;i&gt;", HtmlReportWriter.markup("`<b>` and a lone `<i>"));
  }

  @Test
  void everyMetricDefinitionIsOnThePage() throws IOException {
    String html = written(Summaries.run());
    assertEquals(1, count(html, "<h2>Definitions</h2>"));
    for (MetricDefinition d : MetricDefinition.values()) {
      assertEquals(1, count(html, "<dt>" + HtmlReportWriter.esc(d.label()) + "</dt>"), d.name());
    }
    assertTrue(html.contains("<dt>TTFT</dt><dd><code>t_first_content - t_send</code>: the first chunk carrying generated text "
        + "(content, reasoning or a tool-call delta) arrived (<code>ttftMs</code>). A role-only or empty first chunk (vLLM and "
        + "llama.cpp send one) does not count.</dd>"), "formula as code, then the meaning");
    assertTrue(html.contains("<dt>connection retries</dt><dd>requests sent a second time"), "no formula, no empty code element");
  }

  @Test
  void noFailuresNoFailureTable() throws IOException {
    LevelSummary l = Summaries.level0();
    LevelSummary clean = new LevelSummary(l.index(), l.label(), l.kind(), l.concurrency(), l.rate(), l.durationSeconds(), l.requests(),
        l.warmupRequests(), l.inFlightMean(), l.connectionRetries(), l.timeToHeadersMs(), l.ttftMs(), l.itlMs(), l.tpotMs(), l.e2eMs(), l.requestTokensPerSecond(),
        l.outputTokensPerSecond(), l.totalTokensPerSecond(), l.requestsPerSecond(), l.tokensPerMinute(), l.inputTokensMean(),
        l.outputTokensMean(), l.tokenCountSource(), List.of(), null, l.cachedPromptTokensMean(), l.cachedPromptShare(), l.conversations());
    assertFalse(written(Summaries.run(Summaries.MODEL, List.of(clean))).contains("<h2>Failures</h2>"));
  }

  @Test
  void chartJsIsInlinedAndNothingIsLoadedFromOutside() throws IOException {
    String html = written(Summaries.run());

    assertTrue(html.contains("Chart.js v4.4.1"), "the Chart.js bundle itself is in the page");
    assertTrue(html.length() > 150_000, "Chart.js is ~200 KB, the page was " + html.length() + " characters");
    assertFalse(Pattern.compile("<script[^>]*\\ssrc\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no <script src=...>");
    assertFalse(Pattern.compile("<link[\\s>]", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no <link> (stylesheets, fonts)");
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (href.find()) {
      assertFalse(href.group(1).contains("//"), "links stay inside the run folder: " + href.group(1));
    }
    for (String id : List.of("throughput", "ttft", "itl", "outcomes")) {
      assertTrue(html.contains("<canvas id=\"" + id + "\"></canvas>"), id);
    }
  }

  @Test
  void modelNamesAndMessagesAreEscaped() throws IOException {
    String html = written(hostile());

    assertTrue(html.contains("<title>ConcurrencySweep - &lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;</title>"), "title");
    assertTrue(html.contains("<tr><th>Model</th><td>&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;</td></tr>"), "meta table");
    assertTrue(html.contains("<td class=\"msg\">&lt;!DOCTYPE html&gt;&lt;!-- proxy --&gt;&lt;script&gt;var a = 1;&lt;/script&gt;"
        + "&lt;b&gt;502&lt;/b&gt;</td>"), "failure message");
    assertFalse(html.contains("<img"), "the model name never becomes markup");
    assertFalse(html.contains("<b>502"), "the message never becomes markup");
    assertEquals(4, count(html, "<script"), "the chart sections' code, data, Chart.js and the chart code, nothing injected");
    assertEquals(4, count(html, "</script>"));
  }

  @Test
  void embeddedSummaryJsonCannotEndOrConfuseItsScriptElement() throws IOException {
    RunSummary summary = hostile();
    String html = written(summary);
    String open = "<script type=\"application/json\" id=\"summary\">";
    int start = html.indexOf(open) + open.length();
    String json = html.substring(start, html.indexOf("</script>", start));

    assertFalse(json.contains("</"), json);
    assertFalse(json.contains("<!--"), "\"<!--\" followed by \"<script\" keeps the next </script> from closing the element");
    assertFalse(json.contains("<script"), json);
    JsonNode back = Json.MAPPER.readTree(json);
    assertEquals(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(summary)), back, "JSON.parse of the element gives summary.json back");
    assertEquals(HOSTILE_MODEL, back.at("/target/model").asText());
    assertEquals(HOSTILE_MESSAGE, back.at("/levels/1/errors/0/sample").asText());
  }

  @Test
  void partialRunAndGatlingLinkAreShownEscaped() throws IOException {
    RunSummary s = Summaries.run();
    RunSummary partial = new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), true,
        "stopped by <Ctrl-C>", s.target(), s.request(), s.levels(), "gatling/concurrencysweep-1/index.html?a=1&b=2",
        List.of("the server went away <5 s> into the run"), null, s.runClock(), null);
    String html = written(partial);

    assertTrue(html.contains("<p class=\"warn\">Partial run: stopped by &lt;Ctrl-C&gt;</p>"));
    assertTrue(html.contains("<p class=\"warn\">the server went away &lt;5 s&gt; into the run</p>"), "notes are shown, escaped");
    assertTrue(html.contains("<a href=\"gatling/concurrencysweep-1/index.html?a=1&amp;b=2\">Gatling's report of this run</a>"));
    assertTrue(html.contains("<a href=\"summary.json\">summary.json</a>"));
    assertTrue(html.contains("<a href=\"requests.jsonl\">requests.jsonl</a>"));
  }

  @Test
  void aReplicatedRunHasATablePerLevelWithARowPerEndpoint() throws IOException {
    String html = written(Summaries.replicated());
    String section = html.substring(html.indexOf("<h2>Per endpoint</h2>"), html.indexOf("<h2>", html.indexOf("<h2>Per endpoint</h2>") + 5));
    assertTrue(section.contains("spread over 2 base URLs of " + HtmlReportWriter.esc(Summaries.MODEL) + " by least-outstanding"), section);
    assertEquals(2, count(section, "<table class=\"levels endpoints\">"), "one table per level");
    assertEquals(2, count(section, "<tr><td>" + Summaries.REPLICA_A + "</td>"));
    assertEquals(2, count(section, "<tr><td>" + Summaries.REPLICA_B + "</td>"));
    assertTrue(section.contains("<tr><td>" + Summaries.REPLICA_A + "</td><td>77 %</td><td>7</td><td>1</td><td>2</td><td>100.5</td>"),
        section);
    assertTrue(section.contains("<p class=\"warn\">c=1: requests split unevenly over the endpoints: " + Summaries.REPLICA_A
        + " 10 (77 %), " + Summaries.REPLICA_B + " 3 (23 %); even would be 50 % each</p>"), section);
    assertTrue(section.contains("<a href=\"summary-endpoints.csv\">"), section);
  }

  @Test
  void aRunWithOneBaseUrlHasNoEndpointSection() throws IOException {
    assertFalse(written(Summaries.run()).contains("Per endpoint"));
  }

  @Test
  void conversationsGetTheirTablesAndTheRequestRowSaysSo() throws IOException {
    String html = written(Summaries.conversationRun());

    assertEquals(1, count(html, "<h2>Conversations</h2>"));
    assertTrue(html.contains("multi-turn conversations of 3 turns, each user turn the next prompt, 2.0 s think time between turns"),
        "the request row");
    assertTrue(html.contains("<tr><td>c=1</td><td>12</td><td>11</td><td>0</td><td>1</td><td>2.92</td><td>0.60</td><td>999</td></tr>"),
        "opened, completed, cut short, unfinished, turns, duration, tokens");
    assertTrue(html.contains("<tr><td>c=1</td><td>1</td><td>12</td><td>12</td><td>20.5</td><td>333.5</td><td>157</td><td>0</td></tr>"),
        "turn 1: requests, ok, TTFT p50 and p95, prompt and cached tokens");
    assertTrue(html.contains("<tr><td>c=1</td><td>2</td><td>12</td><td>11</td><td>21.5</td><td>68.5</td><td>321</td><td>144</td></tr>"));
    assertFalse(html.contains("<tr><td>c=2</td><td>0</td>"), "a level without conversations has no row");
  }

  @Test
  void noConversationsNoConversationTables() throws IOException {
    String html = written(Summaries.run());
    assertFalse(html.contains("<h2>Conversations</h2>"));
    assertFalse(html.contains("multi-turn conversations of"), "the request row says nothing of conversations");
  }
}
