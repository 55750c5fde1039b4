package dev.llmload.nightly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a run as JUnit XML ({@code junit.xml} in the run folder), the format Jenkins, GitLab and GitHub
 * read as test results: {@code <testsuites>} holding one {@code <testsuite>} per check suite (in order of first
 * appearance) and one {@code <testcase>} per check, a failed check with a {@code <failure>} carrying its detail.
 */
public final class JUnitXml {

  /** The file's name in the run folder. */
  public static final String FILE_NAME = "junit.xml";

  private JUnitXml() {}

  /**
   * The document for {@code checks}.
   *
   * @param run the run's name (its folder's name), the {@code name} of {@code <testsuites>} and the prefix of each
   *     suite's name and each case's class name, so runs of several simulations stay apart in a CI's test view
   */
  public static String of(String run, List<Check> checks) {
    Map<String, List<Check>> suites = new LinkedHashMap<>();
    checks.forEach(c -> suites.computeIfAbsent(c.suite(), s -> new java.util.ArrayList<>()).add(c));
    long failures = checks.stream().filter(c -> !c.passed()).count();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"").append(escape(run)).append("\" tests=\"").append(checks.size()).append("\" failures=\"")
        .append(failures).append("\" errors=\"0\">\n");
    suites.forEach((suite, cases) -> {
      long failed = cases.stream().filter(c -> !c.passed()).count();
      xml.append("  <testsuite name=\"").append(escape(run + "." + suite)).append("\" tests=\"").append(cases.size())
          .append("\" failures=\"").append(failed).append("\" errors=\"0\" skipped=\"0\">\n");
      for (Check c : cases) {
        xml.append("    <testcase classname=\"").append(escape(run + "." + suite)).append("\" name=\"").append(escape(c.name())).append('"');
        if (c.passed()) {
          xml.append(">\n      <system-out>").append(escape(c.detail())).append("</system-out>\n    </testcase>\n");
        } else {
          xml.append(">\n      <failure message=\"").append(escape(c.detail())).append("\" type=\"").append(escape(suite)).append("\">")
              .append(escape(c.name() + ": " + c.detail())).append("</failure>\n    </testcase>\n");
        }
      }
      xml.append("  </testsuite>\n");
    });
    return xml.append("</testsuites>\n").toString();
  }

  /** Writes {@link #of} to {@code folder/junit.xml} and returns the file. */
  public static Path write(Path folder, String run, List<Check> checks) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    Files.writeString(file, of(run, checks), StandardCharsets.UTF_8);
    return file;
  }

  /** Text as XML attribute or element content: markup characters escaped, characters XML 1.0 forbids dropped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
              || cp >= 0x10000;
          if (allowed) {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.toString();
  }
}
