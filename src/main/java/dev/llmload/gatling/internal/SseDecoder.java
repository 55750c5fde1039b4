package dev.llmload.gatling.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an SSE stream ({@code text/event-stream}, as the HTML standard defines it) from the response body's bytes as
 * they arrive and hands over the {@code data} of each event, and nothing else: one string per event, made straight
 * from the bytes (no intermediate characters, no event object, no re-encoding). Lines end in LF, CR or CRLF, also
 * split across reads; a line split across reads is kept as bytes until its end, so a UTF-8 character cut in two is
 * decoded whole. Several {@code data} lines of one event are joined with LF; a leading BOM, comments ({@code :...}) and
 * the other fields ({@code event}, {@code id}, {@code retry}) are skipped; an event with no data (or empty data) is
 * not handed over, as the standard says. One decoder per response; not thread-safe.
 */
public final class SseDecoder {

  /** Receives the {@code data} of each event, in order. */
  @FunctionalInterface
  public interface Events {
    void onData(String data);
  }

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The start of a line not ended yet (bytes of earlier reads); allocated only when a line spans two reads. */
  private byte[] partial = new byte[0];
  private int partialLength;
  /** The data of the event being read: the first line as is, more lines joined in {@link #moreData}. */
  private String data;
  private StringBuilder moreData;
  /** The last read ended with CR: an LF at the start of the next belongs to it. */
  private boolean skipLf;
  private boolean started;

  /** Decodes the readable bytes of {@code buf} (without consuming them) and hands over every event they complete. */
  public void decode(ByteBuf buf, Events events) {
    int index = buf.readerIndex();
    int end = buf.writerIndex();
    if (index == end) {
      return;
    }
    if (!started) {
      index = skipBom(buf, index, end);
    }
    if (skipLf && index < end) {
      skipLf = false;
      if (buf.getByte(index) == LF) {
        index++;
      }
    }
    while (index < end) {
      int eol = buf.forEachByte(index, end - index, ByteProcessor.FIND_CRLF);
      if (eol < 0) {
        keep(buf, index, end - index);
        return;
      }
      if (partialLength > 0) {
        keep(buf, index, eol - index);
        lineOfBytes(partial, partialLength, events);
        partialLength = 0;
      } else {
        line(buf, index, eol - index, events);
      }
      index = eol + 1;
      if (buf.getByte(eol) == CR) {
        if (index == end) {
          skipLf = true;
        } else if (buf.getByte(index) == LF) {
          index++;
        }
      }
    }
  }

  /** Skips a BOM at the very start of the stream (once at least three bytes or the whole stream have come). */
  private int skipBom(ByteBuf buf, int index, int end) {
    int seen = partialLength;
    int i = index;
    while (seen < BOM.length && i < end && buf.getByte(i) == BOM[seen]) {
      seen++;
      i++;
    }
    if (seen == BOM.length) {
      started = true;
      partialLength = 0;
      return i;
    }
    if (i == end && seen > 0) {
      // the stream starts like a BOM so far: wait for the next read to tell
      room(seen);
      System.arraycopy(BOM, 0, partial, 0, seen);
      partialLength = seen;
      return end;
    }
    started = true;
    // not a BOM: the bytes held back, if any, are the start of the first line
    return index;
  }

  private void keep(ByteBuf buf, int index, int length) {
    room(partialLength + length);
    buf.getBytes(index, partial, partialLength, length);
    partialLength += length;
  }

  private void room(int bytes) {
    if (bytes > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(Math.max(partial.length * 2, 256), bytes));
    }
  }

  /** One whole line inside {@code buf}. */
  private void line(ByteBuf buf, int index, int length, Events events) {
    if (length == 0) {
      dispatch(events);
      return;
    }
    if (length >= DATA.length && buf.getByte(index) == 'd' && buf.getByte(index + 1) == 'a' && buf.getByte(index + 2) == 't'
        && buf.getByte(index + 3) == 'a') {
      if (length == DATA.length) {
        data("");
      } else if (buf.getByte(index + DATA.length) == ':') {
        int value = index + DATA.length + 1;
        if (value < index + length && buf.getByte(value) == ' ') {
          value++;
        }
        data(buf.toString(value, index + length - value, StandardCharsets.UTF_8));
      }
    }
    // a comment, another field, or a field named otherwise: nothing we measure
  }

  /** One whole line kept across reads. */
  private void lineOfBytes(byte[] bytes, int length, Events events) {
    if (length == 0) {
      dispatch(events);
      return;
    }
    if (length >= DATA.length && Arrays.equals(bytes, 0, DATA.length, DATA, 0, DATA.length)) {
      if (length == DATA.length) {
        data("");
      } else if (bytes[DATA.length] == ':') {
        int value = DATA.length + 1;
        if (value < length && bytes[value] == ' ') {
          value++;
        }
        data(new String(bytes, value, length - value, StandardCharsets.UTF_8));
      }
    }
  }

  private void data(String line) {
    if (data == null) {
      data = line;
    } else {
      if (moreData == null) {
        moreData = new StringBuilder(data);
      }
      moreData.append('\n').append(line);
    }
  }

  private void dispatch(Events events) {
    String event = moreData != null ? moreData.toString() : data;
    data = null;
    moreData = null;
    if (event != null && !event.isEmpty()) {
      events.onData(event);
    }
  }
}
