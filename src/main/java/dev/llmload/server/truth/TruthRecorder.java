package dev.llmload.server.truth;

import dev.llmload.server.faults.FaultKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * The mutable record of one request behind {@link GroundTruth}; written by the HTTP layer on the event loop, read
 * anywhere.
 */
public final class TruthRecorder {

  private final GroundTruth owner;
  private final String requestId;
  private final String model;
  private final boolean stream;
  private final long receivedNanos;
  private final int attempt;
  private final int promptTokens;
  private long[] writes = new long[16];
  private int chunks;
  private int cachedPromptTokens;
  private int completionTokens;
  private RequestOutcome outcome = RequestOutcome.IN_PROGRESS;
  private int httpStatus;
  private FaultKind fault;
  private boolean evicted;

  TruthRecorder(GroundTruth owner, String requestId, String model, boolean stream, long receivedNanos,
      int promptTokens, int attempt) {
    this.owner = owner;
    this.requestId = requestId;
    this.model = model;
    this.stream = stream;
    this.receivedNanos = receivedNanos;
    this.promptTokens = promptTokens;
    this.attempt = attempt;
  }

  String requestId() {
    return requestId;
  }

  public long receivedNanos() {
    return receivedNanos;
  }

  public int attempt() {
    return attempt;
  }

  public synchronized void headersSent(int status) {
    httpStatus = status;
  }

  public synchronized void faultInjected(FaultKind kind) {
    fault = kind;
  }

  /** The engine found this many prompt tokens in its prefix cache and skipped their prefill. */
  public synchronized void promptCached(int tokens) {
    cachedPromptTokens = tokens;
  }

  /** A content write of {@code tokens} tokens, stamped just before {@code writeAndFlush}. */
  public synchronized void contentWritten(long nanos, int tokens) {
    if (chunks == writes.length) {
      writes = Arrays.copyOf(writes, chunks * 2);
    }
    writes[chunks++] = nanos;
    completionTokens += tokens;
    if (!evicted) {
      owner.chunkStored();
    }
  }

  /** Dropped from the ground truth: stops counting its chunks; returns how many it had. */
  synchronized int evict() {
    evicted = true;
    return chunks;
  }

  /** Ends the record once; later calls are ignored. Returns false if it had already ended. */
  public boolean end(RequestOutcome value, int status) {
    synchronized (this) {
      if (outcome != RequestOutcome.IN_PROGRESS) {
        return false;
      }
      outcome = value;
      if (status != 0) {
        httpStatus = status;
      }
    }
    owner.ended(value);
    return true;
  }

  synchronized RequestTruth snapshot() {
    long[] copy = Arrays.copyOf(writes, chunks);
    return new RequestTruth(requestId, model, stream, receivedNanos, chunks == 0 ? -1 : copy[0],
        chunks == 0 ? -1 : copy[chunks - 1], copy, promptTokens, cachedPromptTokens, completionTokens, outcome, attempt, httpStatus,
        Optional.ofNullable(fault));
  }
}
