package dev.llmload.recording;

import dev.llmload.openai.StreamEventParser;
import dev.llmload.openai.StreamReply;
import dev.llmload.openai.TransportFailure;
import java.util.Arrays;

/**
 * The raw times of one request, filled on the virtual user's event loop. {@link #onData} runs as the stream's bytes
 * are read: it keeps the message's time (stamped when its bytes were handed over) and its {@code data} text for later,
 * and does nothing else (parsing happens on the recorder thread). Only one thread touches a tracker until it is handed
 * to the recorder.
 */
public final class StreamTracker {

  /** The failure text of a request whose re-send {@link #onWrite()} refused. */
  public static final String RESEND_REFUSED = "re-send of the request refused (the connection dropped; llm-loadtest never retries silently)";

  private final String requestId;
  private final int level;
  private final boolean warmup;
  private final int inFlightAtSend;
  private final long sendNanos;
  private final long scheduledNanos;
  private java.util.Map<String, String> labels;
  private int requestedInputTokens = -1;
  private int requestedOutputTokens = -1;
  private long[] nanos = new long[64];
  private String[] messages = new String[64];
  private int count;
  private long doneNanos = -1;
  private long headersNanos = -1;
  private long resendNanos = -1;
  private int writes;
  private boolean lastWriteReused;
  private long lastWriteNanos;
  private boolean resendGranted;
  private boolean finished;
  private boolean aborted;
  private String endpoint;

  public StreamTracker(String requestId, int level, boolean warmup, int inFlightAtSend, long sendNanos) {
    this(requestId, level, warmup, inFlightAtSend, -1, sendNanos, java.util.Map.of());
  }

  /**
   * @param scheduledNanos when an open workload meant to send the request ({@code System.nanoTime()}), -1 for closed
   * @param labels free-form labels of the request (prompt set, step), kept in its record
   */
  public StreamTracker(String requestId, int level, boolean warmup, int inFlightAtSend, long scheduledNanos, long sendNanos,
      java.util.Map<String, String> labels) {
    this.scheduledNanos = scheduledNanos;
    this.labels = labels;
    this.requestId = requestId;
    this.level = level;
    this.warmup = warmup;
    this.inFlightAtSend = inFlightAtSend;
    this.sendNanos = sendNanos;
  }

  /** Records one message stamped now; true when it is {@code [DONE]}, which ends the stream. */
  public boolean onData(String data) {
    return onData(data, System.nanoTime());
  }

  /**
   * Records one message: the {@code data} of one SSE event, which arrived at {@code arrivalNanos}
   * ({@code System.nanoTime()}); true when it is {@code [DONE]}, which ends the stream.
   */
  public boolean onData(String data, long arrivalNanos) {
    long now = arrivalNanos;
    if (StreamEventParser.isDone(data)) {
      doneNanos = now;
      return true;
    }
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
      messages = Arrays.copyOf(messages, count * 2);
    }
    nanos[count] = now;
    messages[count] = data;
    count++;
    return false;
  }

  /**
   * Called by Gatling's HTTP client each time it is about to write the request on the wire, before any byte goes out.
   * The first write is the request. A second one is allowed once, as the re-send HTTP allows (RFC 9110, 9.2.2): the
   * first went out on a connection reused from the keep-alive pool and that connection failed before any byte of
   * response - the server closed it as we wrote, and never processed the request. Any other write is refused: a
   * retry of the client after a response had started, or after the watchdog gave up, must never reach the server.
   *
   * @throws IllegalStateException on a write that is not allowed
   */
  public void onWrite() {
    writes++;
    if (writes == 1 && !aborted) {
      return;
    }
    if (writes == 2 && !aborted && (resendGranted || mayResend())) {
      resendNanos = System.nanoTime();
      return;
    }
    throw new IllegalStateException(RESEND_REFUSED);
  }

  /** How soon after the write a failure can be the keep-alive race: later, the server may have been working on it. */
  static final long RACE_WINDOW_NANOS = 1_000_000_000L;

  /**
   * True when the request may go out once more: it went out once, on a reused connection, less than
   * {@link #RACE_WINDOW_NANOS} ago, and not a byte of response came back. See {@link #onWrite()}.
   */
  public boolean mayResend() {
    return !aborted && !resendGranted && resendNanos < 0 && lastWriteReused && headersNanos < 0 && count == 0
        && doneNanos < 0 && System.nanoTime() - lastWriteNanos < RACE_WINDOW_NANOS;
  }

  /**
   * Like {@link #mayResend()}, and uses the one re-send up: for a caller that re-sends by itself (a reset on a reused
   * connection). A re-send that fails in turn - even before it is written, e.g. refused while connecting - is final.
   */
  public boolean takeResend() {
    if (!mayResend()) {
      return false;
    }
    resendGranted = true;
    return true;
  }

  /** The request is going out on a connection that carried earlier requests ({@code reused}) or on a new one. */
  public void onConnection(boolean reused) {
    onConnection(reused, System.nanoTime());
  }

  void onConnection(boolean reused, long nanos) {
    lastWriteReused = reused;
    lastWriteNanos = nanos;
  }

  /** The response's status line and headers arrived. */
  public void onResponseStart() {
    if (headersNanos < 0) {
      headersNanos = System.nanoTime();
    }
  }

  public String requestId() {
    return requestId;
  }

  public int level() {
    return level;
  }

  public boolean warmup() {
    return warmup;
  }

  int inFlightAtSend() {
    return inFlightAtSend;
  }

  /** When an open workload meant to send it, -1 for a closed one. */
  public long scheduledNanos() {
    return scheduledNanos;
  }

  public java.util.Map<String, String> labels() {
    return labels;
  }

  /** The request's labels, once its content is chosen (a closed workload picks it after its level is known). */
  public void labels(java.util.Map<String, String> labels) {
    this.labels = java.util.Map.copyOf(labels);
  }

  /** The lengths the request asks for, once its content is chosen; -1 each when none is asked for. */
  public void requested(int inputTokens, int outputTokens) {
    this.requestedInputTokens = inputTokens;
    this.requestedOutputTokens = outputTokens;
  }

  public int requestedInputTokens() {
    return requestedInputTokens;
  }

  public int requestedOutputTokens() {
    return requestedOutputTokens;
  }

  public long sendNanos() {
    return sendNanos;
  }

  long[] nanos() {
    return nanos;
  }

  String[] messages() {
    return messages;
  }

  /** Messages recorded so far ({@code [DONE]} not counted). */
  public int count() {
    return count;
  }

  /** The arrival time of the last message, or the send time before any. */
  public long lastMessageNanos() {
    return count == 0 ? sendNanos : nanos[count - 1];
  }

  /** The watchdog gave up on this request: a send still pending (a slow TCP connect) must not go out. */
  public void abort() {
    aborted = true;
  }

  /** Set when the request's chain is over. */
  void finish() {
    finished = true;
  }

  public boolean finished() {
    return finished;
  }

  public boolean done() {
    return doneNanos >= 0;
  }

  long doneNanos() {
    return doneNanos;
  }

  /** When the response headers arrived, -1 if they did not. */
  public long headersNanos() {
    return headersNanos;
  }

  /** When the request was sent again on a fresh connection, -1 if it was not. */
  public long resendNanos() {
    return resendNanos;
  }

  /** The base URL the request goes to (one of several replicas), set before it is sent. */
  public void endpoint(String baseUrl) {
    this.endpoint = baseUrl;
  }

  /** The base URL set by {@link #endpoint(String)}, null when none was (the run's one base URL). */
  public String endpoint() {
    return endpoint;
  }

  /**
   * What the server answered (success and reply text), for a conversation's next turn. Parses every message: call it
   * once the request is over, off the event loop; it only reads what the stream left.
   *
   * @param failure what the HTTP layer reported, null when it reported nothing
   */
  public StreamReply reply(TransportFailure failure) {
    return StreamReply.of(nanos, messages, count, failure);
  }
}
