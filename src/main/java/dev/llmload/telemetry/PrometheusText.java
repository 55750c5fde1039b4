package dev.llmload.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), as servers answer {@code GET /metrics}.
 *
 * <p>Each line is one of: blank; a comment ({@code #}, which covers {@code # HELP} and {@code # TYPE}); a sample
 * {@code name[{label="value",...}] value [timestamp]}. Names may hold colons; label values may hold the escapes
 * {@code \\}, {@code \"} and {@code \n}; values may be {@code NaN}, {@code +Inf}, {@code -Inf}; the optional
 * timestamp (milliseconds) is read past and dropped. A line that fits none of these is skipped and counted in
 * {@link Parsed#malformedLines()}, never fatal: one odd line must not cost the rest of a scrape. A body holding no
 * sample at all is told by {@link Parsed#hasSamples()}.
 *
 * <p>A pure function of the text; thread-safe.
 */
public final class PrometheusText {

  /** What a body held: its samples in order, and how many lines could not be read. */
  public record Parsed(List<PromSample> samples, int malformedLines) {

    public Parsed {
      samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
      if (malformedLines < 0) {
        throw new IllegalArgumentException("malformedLines must be at least 0, was " + malformedLines);
      }
    }

    /** {@code false} when the body held no sample at all (empty, only comments, or nothing readable). */
    public boolean hasSamples() {
      return !samples.isEmpty();
    }
  }

  private PrometheusText() {
  }

  /** Parses a whole body; never throws on its content. */
  public static Parsed parse(String body) {
    Objects.requireNonNull(body, "body");
    List<PromSample> samples = new ArrayList<>();
    int malformed = 0;
    for (String line : body.split("\r?\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      PromSample sample = parseLine(trimmed);
      if (sample == null) {
        malformed++;
      } else {
        samples.add(sample);
      }
    }
    return new Parsed(samples, malformed);
  }

  /** One sample line (not blank, not a comment), or {@code null} when it is malformed. */
  static PromSample parseLine(String line) {
    int i = 0;
    int length = line.length();
    while (i < length && isNameChar(line.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < length && line.charAt(i) == '{') {
      i = parseLabels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    String rest = line.substring(i);
    if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
      return null;
    }
    String[] fields = rest.strip().split("\\s+");
    if (fields.length > 2) {
      return null;
    }
    Double value = parseValue(fields[0]);
    if (value == null) {
      return null;
    }
    if (fields.length == 2 && !isTimestamp(fields[1])) {
      return null;
    }
    return new PromSample(name, labels, value);
  }

  /** Reads labels after '{' into {@code labels}; the index after '}', or -1 when malformed. */
  private static int parseLabels(String line, int start, Map<String, String> labels) {
    int i = start;
    int length = line.length();
    while (true) {
      i = skipSpaces(line, i);
      if (i >= length) {
        return -1;
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int nameStart = i;
      while (i < length && isLabelNameChar(line.charAt(i), i == nameStart)) {
        i++;
      }
      if (i == nameStart) {
        return -1;
      }
      String labelName = line.substring(nameStart, i);
      i = skipSpaces(line, i);
      if (i >= length || line.charAt(i) != '=') {
        return -1;
      }
      i = skipSpaces(line, i + 1);
      if (i >= length || line.charAt(i) != '"') {
        return -1;
      }
      i++;
      StringBuilder value = new StringBuilder();
      boolean closed = false;
      while (i < length) {
        char c = line.charAt(i);
        if (c == '\\') {
          if (i + 1 >= length) {
            return -1;
          }
          char escaped = line.charAt(i + 1);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> {
              return -1;
            }
          }
          i += 2;
        } else if (c == '"') {
          closed = true;
          i++;
          break;
        } else {
          value.append(c);
          i++;
        }
      }
      if (!closed) {
        return -1;
      }
      labels.put(labelName, value.toString());
      i = skipSpaces(line, i);
      if (i >= length) {
        return -1;
      }
      if (line.charAt(i) == ',') {
        i++;
      } else if (line.charAt(i) != '}') {
        return -1;
      }
    }
  }

  private static Double parseValue(String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    // Double.parseDouble also takes "Infinity", hex floats and a trailing 'd'/'f': the format has none of them.
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        return null;
      }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isTimestamp(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int k = start; k < text.length(); k++) {
      if (!Character.isDigit(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(String line, int i) {
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isNameChar(char c, boolean first) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
  }

  private static boolean isLabelNameChar(char c, boolean first) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || !first && c >= '0' && c <= '9';
  }
}
