package dev.llmload.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run's telemetry as JSON lines ({@code telemetry.jsonl} in the run folder), one line a sample, written and flushed
 * as each arrives so a crash loses nothing already said. Every line starts with {@code source} (who measured:
 * {@code "server"} for {@link ServerSnapshot}s; other sources - local resources, client probes - pick their own
 * name) and {@code t}, seconds on the run clock (since {@code anchorNanos}, a {@link System#nanoTime()} reading),
 * then the source's fields. Null and non-finite values are left out, so a missing key means "not measured":
 *
 * <pre>{@code
 * {"source":"server","t":1.002,"kind":"vllm","running":8.0,"waiting":3.0,"kvCacheUsage":0.41,...}
 * }</pre>
 *
 * <p>Thread-safe: sources may write from their own threads; lines never interleave.
 */
public final class TelemetryLog implements Closeable {

  /** The {@code source} of {@link #write(ServerSnapshot)} lines. */
  public static final String SERVER_SOURCE = "server";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final long anchorNanos;
  private final BufferedWriter out;
  private long lines;
  private boolean closed;

  private TelemetryLog(Path file, long anchorNanos, BufferedWriter out) {
    this.file = file;
    this.anchorNanos = anchorNanos;
    this.out = out;
  }

  /** Opens (creates, or appends to) {@code file}; {@code t} is counted from {@code anchorNanos}. */
  public static TelemetryLog open(Path file, long anchorNanos) throws IOException {
    Objects.requireNonNull(file, "file");
    BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new TelemetryLog(file, anchorNanos, out);
  }

  public Path file() {
    return file;
  }

  /** Seconds on the run clock at this {@link System#nanoTime()} reading. */
  public double runSeconds(long nanos) {
    return (nanos - anchorNanos) / 1e9;
  }

  /** Writes a server snapshot: source {@code "server"}, its time on the run clock, its kind id, its values. */
  public void write(ServerSnapshot snapshot) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", snapshot.kind().id());
    fields.putAll(snapshot.values());
    write(SERVER_SOURCE, runSeconds(snapshot.atNanos()), fields);
  }

  /**
   * Writes one line: {@code source}, {@code t}, then {@code fields} in their iteration order (values Jackson can
   * write: numbers, strings, booleans, lists, maps). Nulls, NaN and infinities are left out.
   *
   * @throws IllegalArgumentException when a field is named {@code source} or {@code t}
   * @throws UncheckedIOException when the line cannot be written
   */
  public synchronized void write(String source, double tSeconds, Map<String, ?> fields) {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("source", source);
    line.put("t", Math.round(tSeconds * 1e6) / 1e6);
    fields.forEach((name, value) -> {
      if ("source".equals(name) || "t".equals(name)) {
        throw new IllegalArgumentException("a telemetry field must not be named \"" + name + "\": it is the line's own");
      }
      if (value == null || value instanceof Double d && !Double.isFinite(d)
          || value instanceof Float f && !Float.isFinite(f)) {
        return;
      }
      line.put(name, value);
    });
    if (closed) {
      throw new IllegalStateException("telemetry log " + file + " is closed");
    }
    try {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
      out.flush();
      lines++;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("telemetry fields of " + source + " cannot be written as JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Lines written so far. */
  public synchronized long lines() {
    return lines;
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }
}
