package dev.llmload.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  static String fixture(String name) {
    try (InputStream in = PrometheusTextTest.class.getResourceAsStream(name)) {
      assertNotNull(in, "fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void skipsCommentsHelpTypeAndBlankLines() {
    PrometheusText.Parsed parsed = PrometheusText.parse("""
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge

        vllm:num_requests_running{engine="0",model_name="m"} 3.0
        # a free comment
        """);
    assertEquals(List.of(new PromSample("vllm:num_requests_running", Map.of("engine", "0", "model_name", "m"), 3.0)),
        parsed.samples());
    assertEquals(0, parsed.malformedLines());
    assertTrue(parsed.hasSamples());
  }

  @Test
  void readsNamesWithColonsAndNoLabels() {
    PromSample sample = PrometheusText.parse("llamacpp:requests_processing 2\n").samples().get(0);
    assertEquals("llamacpp:requests_processing", sample.name());
    assertEquals(Map.of(), sample.labels());
    assertEquals(2.0, sample.value(), 0.0);
  }

  @Test
  void unescapesLabelValues() {
    PromSample sample = PrometheusText.parse(
        "m{path=\"C:\\\\models\\\\x\",quote=\"say \\\"hi\\\"\",lines=\"a\\nb\",plain=\"x,y}=z\"} 1\n").samples().get(0);
    assertEquals("C:\\models\\x", sample.label("path"));
    assertEquals("say \"hi\"", sample.label("quote"));
    assertEquals("a\nb", sample.label("lines"));
    assertEquals("x,y}=z", sample.label("plain"));
  }

  @Test
  void readsSpecialValuesTimestampsAndTrailingComma() {
    List<PromSample> samples = PrometheusText.parse("""
        a NaN
        b +Inf
        c -Inf
        d{le="+Inf",} 7 1712345678901
        e 1.5e-3 -12
        f{} 4
        """).samples();
    assertEquals(6, samples.size());
    assertTrue(Double.isNaN(samples.get(0).value()));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(1).value());
    assertEquals(Double.NEGATIVE_INFINITY, samples.get(2).value());
    assertEquals("+Inf", samples.get(3).label("le"));
    assertEquals(7.0, samples.get(3).value(), 0.0);
    assertEquals(0.0015, samples.get(4).value(), 1e-12);
    assertEquals(4.0, samples.get(5).value(), 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "name{a=\"1\"}", "name abc", "name{a=\"1\" 3", "name{a=1} 3", "name{a=\"\\x\"} 3",
      "name 1 2 3", "name 1 12.5", "{a=\"1\"} 3", "9name 3", "name{a=\"1\"}3", "name Infinity", "<html>"})
  void skipsAndCountsMalformedLines(String line) {
    PrometheusText.Parsed parsed = PrometheusText.parse("good 1\n" + line + "\nalso_good 2\n");
    assertEquals(1, parsed.malformedLines(), line);
    assertEquals(List.of("good", "also_good"), parsed.samples().stream().map(PromSample::name).toList());
  }

  @Test
  void tellsABodyWithoutSamples() {
    assertFalse(PrometheusText.parse("").hasSamples());
    assertFalse(PrometheusText.parse("# HELP x y\n# TYPE x gauge\n\n").hasSamples());
    PrometheusText.Parsed html = PrometheusText.parse("<!doctype html>\n<html><body>Not Found</body></html>\n");
    assertFalse(html.hasSamples());
    assertEquals(2, html.malformedLines());
  }

  @Test
  void acceptsWindowsLineEnds() {
    assertEquals(2, PrometheusText.parse("a 1\r\nb 2\r\n").samples().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vllm-v1.txt", "vllm-old.txt", "sglang.txt", "tgi.txt", "llamacpp.txt"})
  void readsEveryFixtureWhole(String name) {
    PrometheusText.Parsed parsed = PrometheusText.parse(fixture(name));
    assertEquals(0, parsed.malformedLines(), name);
    assertTrue(parsed.samples().size() >= 5, name);
  }

  @Test
  void parseLineReturnsNullWhenMalformed() {
    assertNull(PrometheusText.parseLine("x{"));
  }
}
