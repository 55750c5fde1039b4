package dev.llmload.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmload.report.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run history: a JSON-lines file, one {@link HistoryEntry} per line, oldest first. A run appends its line in one
 * write to a file opened for appending, so a run that dies mid-write leaves at most its own line broken; readers skip a
 * line that is not an entry, with a warning naming it, and read on.
 */
public final class HistoryFile {

  /** Lines written by a later version, with fields this one does not know, are still read. */
  private static final ObjectReader READER = Json.MAPPER.readerFor(HistoryEntry.class)
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private HistoryFile() {}

  /**
   * Appends {@code entry} as one line, creating the file and its folders when missing. When the file does not end with
   * a line break (an earlier write was cut short), the broken line is ended first so the new entry stays readable.
   */
  public static void append(Path file, HistoryEntry entry) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String line = Json.MAPPER.writeValueAsString(entry);
    byte[] bytes = ((endsBroken(file) ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  /** Whether {@code file} exists and its last byte is not a line break. */
  private static boolean endsBroken(Path file) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /**
   * The entries in {@code file}, oldest first; empty when the file does not exist. Blank lines are passed over; a line
   * that is not an entry is skipped and {@code warn} receives one sentence naming its line number.
   */
  public static List<HistoryEntry> read(Path file, Consumer<String> warn) throws IOException {
    List<HistoryEntry> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        entries.add(READER.readValue(line));
      } catch (JsonProcessingException | RuntimeException e) {
        String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        warn.accept("line " + (i + 1) + " of " + file + " is not a history entry (" + firstLine(why) + "): skipped");
      }
    }
    return entries;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
