package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's "Output text" section. */
class TextTablesTest {

  @TempDir
  Path dir;

  @Test
  void aRowPerLevelWhoseTextWasCounted() {
    StringBuilder h = new StringBuilder();
    TextTables.append(h, Summaries.sloRun());
    String html = h.toString();
    assertTrue(html.startsWith("<h2>Output text</h2>\n"), html);
    assertTrue(html.contains("<tr><td>c=1</td><td>350.5</td><td>60.3</td><td>0.40</td><td>128</td></tr>"), html);
    assertTrue(!html.contains("<td>c=2</td>"), "c=2 had no reply");
  }

  @Test
  void nothingWhenNoTextWasCounted() {
    StringBuilder h = new StringBuilder();
    TextTables.append(h, Summaries.run());
    assertEquals("", h.toString());
  }

  @Test
  void thePageCarriesTheSectionOnce() throws Exception {
    Path file = dir.resolve("index.html");
    new HtmlReportWriter().write(Summaries.sloRun(), file);
    String html = Files.readString(file);
    assertEquals(html.indexOf("<h2>Output text</h2>"), html.lastIndexOf("<h2>Output text</h2>"));
    assertTrue(html.indexOf("<h2>Output text</h2>") > 0);
  }
}
