package dev.llmload.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of the project's README.md as cells, for tests that hold the README to the one source in the code. The
 * normalisation is the tests' rule, stated once here: a cell is trimmed, then markdown emphasis ({@code **bold**},
 * {@code *italic*}) outside code spans is dropped; code spans keep their backticks, as the sources in the code write
 * them. {@link #code} reads a cell that is one code span (a name, a formula) as its text.
 */
final class ReadmeTable {

  private static final Path README = Path.of("README.md");

  private ReadmeTable() {}

  /**
   * The body rows of the first table after the heading that starts with {@code heading}, each cell normalised.
   *
   * @throws AssertionError when there is no such heading or no table under it
   */
  static List<List<String>> rows(String heading) {
    List<String> lines;
    try {
      lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("README.md must be readable from the project folder", e);
    }
    int at = 0;
    while (at < lines.size() && !lines.get(at).startsWith(heading)) {
      at++;
    }
    if (at == lines.size()) {
      throw new AssertionError("README.md has no heading starting with \"" + heading + "\"");
    }
    for (at++; at < lines.size() && !lines.get(at).startsWith("|"); at++) {
      if (lines.get(at).startsWith("#")) {
        throw new AssertionError("README.md has no table under \"" + heading + "\"");
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i).strip();
      String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
      rows.add(Arrays.stream(inner.split("\\|", -1)).map(ReadmeTable::plain).toList());
    }
    return rows;
  }

  /** The cell trimmed, without markdown emphasis outside code spans. */
  static String plain(String cell) {
    StringBuilder out = new StringBuilder();
    String[] parts = cell.strip().split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append('`');
      }
      out.append(i % 2 == 0 ? parts[i].replace("**", "").replace("*", "") : parts[i]);
    }
    return out.toString();
  }

  /** A cell that is one code span, as its text; an empty cell as "". */
  static String code(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    if (cell.length() < 2 || !cell.startsWith("`") || !cell.endsWith("`") || cell.indexOf('`', 1) != cell.length() - 1) {
      throw new AssertionError("expected one code span, was: " + cell);
    }
    return cell.substring(1, cell.length() - 1);
  }
}
