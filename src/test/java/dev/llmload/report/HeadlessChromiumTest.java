package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real-browser check sees what it must: a chart drawn, a canvas left blank, a console error, an uncaught exception. */
class HeadlessChromiumTest {

  @TempDir
  Path dir;

  @Test
  void readsTheMarksAndConsoleLinesChromiumGives() {
    String dom = "<html><body><canvas id=\"a\" data-drawn=\"yes\"></canvas><canvas data-drawn=\"no\" id=\"b\"></canvas><canvas></canvas>";
    assertEquals(Map.of("a", "yes", "b", "no", "#3", "unmarked"), HeadlessChromium.canvases(dom));
    String stderr = """
        [31502:31534:1201/142518.058328:ERROR:dbus/bus.cc:405] Failed to connect to the bus
        [31502:31502:1201/142519.454150:INFO:CONSOLE:2] "an error here", source: file:///tmp/t.html (2)
        [31502:31502:1201/142519.455899:INFO:CONSOLE(4)] "Uncaught ReferenceError: f is not defined", source: file:///tmp/t.html (4)
        """;
    assertEquals(List.of("\"an error here\", source: file:///tmp/t.html (2)",
        "\"Uncaught ReferenceError: f is not defined\", source: file:///tmp/t.html (4)"), HeadlessChromium.console(stderr));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDrawnChartABlankCanvasAndAnErrorAreTold() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.SKIPPED);
    Path page = dir.resolve("page.html");
    Files.writeString(page, "<!doctype html><html><body><div style=\"height:200px\"><canvas id=\"drawn\"></canvas></div>"
        + "<canvas id=\"blank\"></canvas><script>" + HtmlReportWriter.chartJs() + "</script><script>"
        + "new Chart(document.getElementById('drawn'), {type: 'bar', data: {labels: ['a'], datasets: [{label: 'x', data: [1]}]},"
        + " options: {animation: false, maintainAspectRatio: false}});"
        + "console.error('something broke');" + DrawnCanvases.SCRIPT + "</script><script>notDefined();</script></body></html>",
        StandardCharsets.UTF_8);

    HeadlessChromium.Rendering r = HeadlessChromium.render(page, dir);

    assertEquals(Map.of("drawn", "yes", "blank", "no"), r.canvases(), r.dom());
    assertEquals(List.of("blank (no)"), r.undrawn());
    assertEquals(2, r.console().size(), r.console().toString());
    assertTrue(r.console().get(0).contains("something broke"), r.console().toString());
    assertTrue(r.console().get(1).contains("Uncaught ReferenceError: notDefined is not defined"), r.console().toString());
  }
}
