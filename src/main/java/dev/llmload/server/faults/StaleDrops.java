package dev.llmload.server.faults;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many times a {@code stale-connection} fault dropped a request with each id, so that a re-send of a dropped
 * request rolls the fault's probability afresh ({@link FaultPicker}). Not ground truth: the server never processed
 * these requests, and nothing else counts them. Thread-safe. Bounded: the last {@code capacity} ids dropped
 * ({@code llm.server.groundTruthCapacity}), the oldest forgotten first.
 */
public final class StaleDrops {

  private final int capacity;
  private final Map<String, Integer> byId;

  public StaleDrops(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.byId = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
        return size() > StaleDrops.this.capacity;
      }
    };
  }

  /** Times a request with this id was dropped, among the ids remembered. */
  public synchronized int count(String requestId) {
    return byId.getOrDefault(requestId, 0);
  }

  public synchronized void dropped(String requestId) {
    Integer before = byId.remove(requestId); // re-inserted: the most recently dropped are forgotten last
    byId.put(requestId, before == null ? 1 : before + 1);
  }
}
