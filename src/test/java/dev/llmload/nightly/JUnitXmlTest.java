package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit.xml: the exact document for a few checks of two suites, and that it parses with markup in the text. */
class JUnitXmlTest {

  private static final List<Check> CHECKS = List.of(
      new Check("gates", "ttftMs.p95 at c=32 <= 800 ms", true, "measured 612.3 ms, limit <= 800 ms"),
      new Check("gates", "errorRate at c=64 <= 0.01", false, "measured 0.2, limit <= 0.01"),
      new Check("baseline", "outputTokensPerSecond at c=64", false, "measured 800 < 900 & \"worse\""));

  @Test
  void oneTestCasePerCheckInOneSuitePerKind() {
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="Sweep-20260101" tests="3" failures="2" errors="0">
          <testsuite name="Sweep-20260101.gates" tests="2" failures="1" errors="0" skipped="0">
            <testcase classname="Sweep-20260101.gates" name="ttftMs.p95 at c=32 &lt;= 800 ms">
              <system-out>measured 612.3 ms, limit &lt;= 800 ms</system-out>
            </testcase>
            <testcase classname="Sweep-20260101.gates" name="errorRate at c=64 &lt;= 0.01">
              <failure message="measured 0.2, limit &lt;= 0.01" type="gates">errorRate at c=64 &lt;= 0.01: measured 0.2, limit &lt;= 0.01</failure>
            </testcase>
          </testsuite>
          <testsuite name="Sweep-20260101.baseline" tests="1" failures="1" errors="0" skipped="0">
            <testcase classname="Sweep-20260101.baseline" name="outputTokensPerSecond at c=64">
              <failure message="measured 800 &lt; 900 &amp; &quot;worse&quot;" type="baseline">outputTokensPerSecond at c=64: measured 800 &lt; 900 &amp; &quot;worse&quot;</failure>
            </testcase>
          </testsuite>
        </testsuites>
        """, JUnitXml.of("Sweep-20260101", CHECKS));
  }

  @Test
  void theFileParsesAsXmlWithTheChecksAsTheyWere(@TempDir Path dir) throws Exception {
    Path file = JUnitXml.write(dir, "run", CHECKS);
    assertEquals("junit.xml", file.getFileName().toString());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readString(file).getBytes(StandardCharsets.UTF_8)));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    assertEquals("ttftMs.p95 at c=32 <= 800 ms", ((Element) cases.item(0)).getAttribute("name"));
    NodeList failures = doc.getElementsByTagName("failure");
    assertEquals(2, failures.getLength());
    assertEquals("measured 800 < 900 & \"worse\"", ((Element) failures.item(1)).getAttribute("message"));
  }

  @Test
  void charactersXmlForbidsAreDropped() {
    assertEquals("ab", JUnitXml.escape("a\u0001b"));
  }

  @Test
  void noChecksIsAnEmptyButValidDocument() {
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="r" tests="0" failures="0" errors="0">
        </testsuites>
        """, JUnitXml.of("r", List.of()));
  }
}
