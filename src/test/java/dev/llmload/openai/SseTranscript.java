package dev.llmload.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden SSE transcript from {@code src/test/resources/dev/llmload/openai/*.sse}: one message per line, the
 * {@code data} of one SSE event as the server sent it, preceded by its arrival time in microseconds after the send. Lines that are
 * blank or start with {@code #} are comments.
 *
 * @param arrivalMicros arrival time of each message, microseconds after the send
 * @param messages every message, {@code [DONE]} included
 */
public record SseTranscript(long[] arrivalMicros, String[] messages) {

  public static SseTranscript load(String name) {
    String resource = "/dev/llmload/openai/" + name;
    try (InputStream in = SseTranscript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      List<Long> times = new ArrayList<>();
      List<String> messages = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        times.add(Long.parseLong(line.substring(0, space)));
        messages.add(line.substring(space + 1));
      }
      return new SseTranscript(times.stream().mapToLong(Long::longValue).toArray(), messages.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Assembles the stream as the recorder does: {@code [DONE]} is recognised by {@link StreamEventParser#isDone}
   * and left out; times are handed over in nanoseconds ({@code sendNanos} + arrival).
   */
  public AssembledStream assemble(long sendNanos) {
    long[] nanos = new long[messages.length];
    String[] kept = new String[messages.length];
    int count = 0;
    for (int i = 0; i < messages.length; i++) {
      if (StreamEventParser.isDone(messages[i])) {
        continue;
      }
      nanos[count] = sendNanos + arrivalMicros[i] * 1_000;
      kept[count++] = messages[i];
    }
    return StreamAssembler.assemble(nanos, kept, count);
  }

  /** How many messages came before {@code [DONE]}. */
  public int messagesBeforeDone() {
    int n = 0;
    for (String m : messages) {
      if (!StreamEventParser.isDone(m)) {
        n++;
      }
    }
    return n;
  }

  /** Arrival time of the last message ({@code [DONE]} when present), microseconds after the send. */
  public long lastArrivalMicros() {
    return arrivalMicros[arrivalMicros.length - 1];
  }
}
