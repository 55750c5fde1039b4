package dev.llmload.server.truth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server did, per completions request and in total, for comparison with what a client measured: when each
 * request arrived, when each content chunk was written, how it ended. Thread-safe. Bounded: it keeps the last
 * {@code capacity} requests ({@code llm.server.groundTruthCapacity}, 100,000 by default) and at most
 * {@code capacity * 100} chunk time stamps in all (8 bytes each: 80 MB by default), forgetting the oldest requests
 * first; the counters count every request since start. A second request with an id already seen is kept as a
 * separate entry with {@code attempt} 2 (a retry), and counted in {@link #duplicateRequestIds()}.
 *
 * <p>Only requests the server processed are here: one it dropped unread (a request pipelined past
 * {@code keepAliveMaxRequests}, or one a {@code stale-connection} fault closed the connection on) never began and is
 * neither recorded nor counted, as a real server never sees the request its closing socket lost.
 */
public final class GroundTruth {

  /** Chunk time stamps kept per request of capacity, on average. */
  static final int CHUNKS_PER_REQUEST = 100;

  private final int capacity;
  private final long maxStoredChunks;
  private final AtomicLong storedChunks = new AtomicLong();
  private final Object lock = new Object();
  private final ArrayDeque<TruthRecorder> order = new ArrayDeque<>();
  private final Map<String, TruthRecorder> latestById = new HashMap<>();
  private final Map<String, Integer> attemptsById = new HashMap<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong cut = new AtomicLong();
  private final AtomicLong errored = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  public GroundTruth(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.maxStoredChunks = (long) capacity * CHUNKS_PER_REQUEST;
  }

  /** Starts the record of a request that has just been read (the HTTP layer calls it; nothing else should). */
  public TruthRecorder begin(String requestId, String model, boolean stream, long receivedNanos, int promptTokens) {
    received.incrementAndGet();
    synchronized (lock) {
      int attempt = attemptsById.merge(requestId, 1, Integer::sum);
      if (attempt > 1) {
        duplicates.incrementAndGet();
      }
      TruthRecorder recorder =
          new TruthRecorder(this, requestId, model, stream, receivedNanos, promptTokens, attempt);
      order.addLast(recorder);
      latestById.put(requestId, recorder);
      while (order.size() > capacity || storedChunks.get() > maxStoredChunks && order.size() > 1) {
        TruthRecorder evicted = order.removeFirst();
        storedChunks.addAndGet(-evicted.evict());
        if (latestById.remove(evicted.requestId(), evicted)) {
          attemptsById.remove(evicted.requestId());
        }
      }
      return recorder;
    }
  }

  void chunkStored() {
    storedChunks.incrementAndGet();
  }

  void ended(RequestOutcome outcome) {
    countEnded(outcome);
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  private void countEnded(RequestOutcome outcome) {
    switch (outcome) {
      case COMPLETED -> completed.incrementAndGet();
      case CUT -> cut.incrementAndGet();
      case ERRORED -> errored.incrementAndGet();
      case REJECTED -> rejected.incrementAndGet();
      case CANCELLED -> cancelled.incrementAndGet();
      case IN_PROGRESS -> throw new IllegalArgumentException("a request cannot end in_progress");
    }
  }

  /** The latest request with this id, if still kept. */
  public Optional<RequestTruth> find(String requestId) {
    TruthRecorder recorder;
    synchronized (lock) {
      recorder = latestById.get(requestId);
    }
    return Optional.ofNullable(recorder).map(TruthRecorder::snapshot);
  }

  /**
   * Waits until the latest request with this id has ended (any outcome but in-progress) and returns it; empty if
   * that does not happen within {@code timeout}. For tests and for clients that must not race the server's
   * bookkeeping (e.g. a cancellation is recorded only after the server notices the closed connection).
   */
  public Optional<RequestTruth> awaitEnded(String requestId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        TruthRecorder recorder = latestById.get(requestId);
        if (recorder != null) {
          RequestTruth truth = recorder.snapshot();
          if (truth.outcome() != RequestOutcome.IN_PROGRESS) {
            return Optional.of(truth);
          }
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return Optional.empty();
        }
        TimeUnit.NANOSECONDS.timedWait(lock, remaining);
      }
    }
  }

  /** Every request with this id still kept, oldest first (more than one means the client retried). */
  public List<RequestTruth> findAll(String requestId) {
    List<RequestTruth> all = new ArrayList<>(1);
    for (TruthRecorder recorder : recorders()) {
      if (recorder.requestId().equals(requestId)) {
        all.add(recorder.snapshot());
      }
    }
    return all;
  }

  /** Every request kept, in arrival order. */
  public List<RequestTruth> snapshot() {
    List<TruthRecorder> recorders = recorders();
    List<RequestTruth> truths = new ArrayList<>(recorders.size());
    for (TruthRecorder recorder : recorders) {
      truths.add(recorder.snapshot());
    }
    return truths;
  }

  private List<TruthRecorder> recorders() {
    synchronized (lock) {
      return new ArrayList<>(order);
    }
  }

  public int capacity() {
    return capacity;
  }

  /**
   * How many times the server processed a completions request with this id: began to serve it (parsed it and
   * answered, whatever the answer, including 400s and injected errors). 0 for an id never processed, or forgotten
   * (it counts within the last {@link #capacity()} requests). More than 1 means the client sent a request again after
   * the server had begun to serve it: a retry that is safe only if the first answer was lost.
   */
  public int timesProcessed(String requestId) {
    synchronized (lock) {
      return attemptsById.getOrDefault(requestId, 0);
    }
  }

  /** {@link #timesProcessed} of every id still kept (at most {@link #capacity()} of them), in no particular order. */
  public Map<String, Integer> processedCountsById() {
    synchronized (lock) {
      return Map.copyOf(attemptsById);
    }
  }

  /** Completions requests received (including rejected ones) since start. */
  public long requestsReceived() {
    return received.get();
  }

  public long requestsCompleted() {
    return completed.get();
  }

  /** Requests whose connection the server cut mid-answer. */
  public long requestsCut() {
    return cut.get();
  }

  /** Requests answered with an injected error status or an error event. */
  public long requestsErrored() {
    return errored.get();
  }

  /** Requests answered with 400 or 404. */
  public long requestsRejected() {
    return rejected.get();
  }

  /** Requests the client abandoned before the end. */
  public long requestsCancelled() {
    return cancelled.get();
  }

  /**
   * Requests whose {@code X-Request-Id} had been processed before (within the last {@link #capacity()} requests):
   * client retries. The sum over ids of {@link #timesProcessed} - 1; 0 proves that no request was processed twice.
   */
  public long duplicateRequestIds() {
    return duplicates.get();
  }

  /** Received but not yet ended. */
  public long requestsInProgress() {
    return received.get() - completed.get() - cut.get() - errored.get() - rejected.get() - cancelled.get();
  }
}
