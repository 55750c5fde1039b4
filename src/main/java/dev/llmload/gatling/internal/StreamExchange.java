package dev.llmload.gatling.internal;

import dev.llmload.recording.StreamTracker;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import scala.Option;

/**
 * One streamed request on the wire, from the HTTP client's callbacks to the virtual user's next action. Every callback
 * runs on the user's event loop, in wire order. The body's bytes go through an {@link SseDecoder} straight to the
 * request's {@link StreamTracker}, each message stamped with the time its bytes were handed over; nothing else runs
 * per message. The exchange ends exactly once: at {@code [DONE]}, at a failure of the client, when the response is
 * not a stream (its body's start kept, as it came with the headers), when the response ends before {@code [DONE]}, or
 * at the watchdog's {@link #abort}. It then writes Gatling's report rows (send to headers; headers to the end) and
 * hands the session, with a {@link StreamEnd}, to the next action. Nothing is ever sent again from here.
 */
final class StreamExchange implements HttpListener, StreamControl, SseDecoder.Events {

  /** How much of a response that is not a stream is kept (an error's JSON). */
  static final int SAMPLE_BYTES = 300;
  private static final String EVENT_STREAM = "text/event-stream";

  /** What every exchange of one action shares: where rows go and what comes next. */
  record Rows(StatsEngine stats, Clock clock, String streamRow, Action next) {}

  private final Rows rows;
  private final Session session;
  private final String connectRow;
  private final StreamTracker tracker;
  private final long sendMillis;
  private final SseDecoder decoder = new SseDecoder();
  private Channel channel;
  private long headersMillis = -1;
  private int status = -1;
  private boolean streaming;
  private String notAStream;
  private StringBuilder body;
  private boolean complete;
  private boolean ended;
  private long chunkNanos;

  StreamExchange(Rows rows, Session session, String connectRow, StreamTracker tracker) {
    this.rows = rows;
    this.session = session;
    this.connectRow = connectRow;
    this.tracker = tracker;
    this.sendMillis = rows.clock().nowMillis();
  }

  @Override
  public void onWrite(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void onFinalClientRequest(Request request) {
    // the request as written: nothing to keep
  }

  @Override
  public void onHttpResponse(HttpResponseStatus responseStatus, HttpHeaders headers) {
    if (ended) {
      return;
    }
    headersMillis = rows.clock().nowMillis();
    status = responseStatus.code();
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
    if (status == 200 && contentType != null && contentType.startsWith(EVENT_STREAM)) {
      streaming = true;
      rows.stats().logResponse(session.scenario(), session.groups(), connectRow, sendMillis, headersMillis, OK$.MODULE$,
          Option.apply("200"), Option.empty());
      return;
    }
    notAStream = status == 200 ? "HTTP response with code 200 and content-type " + contentType : "HTTP response with code " + status;
    body = new StringBuilder();
    // the body that came with the headers is handed over in the same read: end once that read is done
    session.eventLoop().execute(() -> end(notAStream));
  }

  @Override
  public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
    complete = last;
    if (ended) {
      return;
    }
    if (!streaming) {
      keepBody(chunk);
      if (last) {
        end(notAStream);
      }
      return;
    }
    chunkNanos = System.nanoTime();
    decoder.decode(chunk, this);
    if (last) {
      end("End of stream");
    }
  }

  /** One message of the stream: stamped with its read's time; {@code [DONE]} ends the exchange. */
  @Override
  public void onData(String data) {
    if (!ended && tracker.onData(data, chunkNanos)) {
      end(null);
    }
  }

  @Override
  public void onThrowable(Throwable failure) {
    if (!ended) {
      end(notAStream != null ? notAStream : describe(failure));
    }
  }

  @Override
  public boolean awaitingHeaders() {
    return !ended && status < 0;
  }

  @Override
  public void abort(String reason) {
    if (!ended) {
      tracker.abort(); // a send still pending (a slow TCP connect) or a retry of the client must not go out
      end(reason);
    }
  }

  private void keepBody(ByteBuf chunk) {
    int room = SAMPLE_BYTES - body.length();
    if (room > 0 && chunk.isReadable()) {
      body.append(chunk.toString(chunk.readerIndex(), Math.min(room, chunk.readableBytes()), StandardCharsets.UTF_8));
    }
  }

  /** Writes the report rows and moves the user on; {@code failure} null: the stream ended with {@code [DONE]}. */
  private void end(String failure) {
    if (ended) {
      return;
    }
    ended = true;
    if (failure != null && !complete && channel != null) {
      channel.close(); // nothing more is read from a failed exchange: the connection never goes back to the pool
    }
    StreamEnd end = failure == null ? StreamEnd.DONE : new StreamEnd(failure, body == null || body.isEmpty() ? null : body.toString().strip());
    Session next = session;
    try {
      long now = rows.clock().nowMillis();
      if (streaming) {
        next = row(session.logGroupRequestTimings(sendMillis, headersMillis), rows.streamRow(), headersMillis, now, failure);
      } else {
        next = row(session, connectRow, sendMillis, now, failure);
      }
    } finally {
      // whatever happened to the report rows, the user moves on
      next = next.set(StreamEnd.ATTRIBUTE, end);
      rows.next().$bang(failure == null ? next : next.markAsFailed());
    }
  }

  private Session row(Session s, String name, long start, long end, String failure) {
    Status outcome = failure == null ? OK$.MODULE$ : KO$.MODULE$;
    Option<String> code = status < 0 ? Option.empty() : Option.apply(Integer.toString(status));
    rows.stats().logResponse(s.scenario(), s.groups(), name, start, end, outcome, code, Option.apply(failure));
    return s.logGroupRequestTimings(start, end);
  }

  /**
   * A failure of the HTTP client as {@code "<class>: <message>"}: the outermost exception that has a message (Netty's
   * connect failures name the address there), else the root cause's class.
   */
  static String describe(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getName() + ": " + t.getMessage();
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getName();
  }
}
