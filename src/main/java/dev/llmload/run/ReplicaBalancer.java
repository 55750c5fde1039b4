package dev.llmload.run;

import dev.llmload.config.Balancing;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which replica (base URL) each request goes to, chosen at send time on the request's event loop by the run's
 * {@link Balancing} rule. {@link #pick()} and {@link #release} are thread-safe and cheap: round-robin is one atomic
 * increment; least-outstanding scans the replicas' in-flight counts under a lock held for that scan only, so two
 * event loops never both take the same "least busy" replica. A request picked must be released once its chain is
 * over, whatever happened, so the in-flight counts stay true.
 */
public final class ReplicaBalancer {

  /**
   * One base URL of the model.
   *
   * @param index position in the configured list, from 0 ("replica index + 1 of N" for people)
   * @param baseUrl the base URL, as the request's record names its endpoint
   * @param requestUrl where the request is posted (base URL plus the API path)
   */
  public record Replica(int index, String baseUrl, String requestUrl) {

    public Replica {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(requestUrl, "requestUrl");
      if (index < 0) {
        throw new IllegalArgumentException("index must be at least 0, was " + index);
      }
    }
  }

  private final List<Replica> replicas;
  private final Balancing rule;
  private final AtomicLong turn = new AtomicLong();
  private final AtomicIntegerArray outstanding;

  /**
   * @param baseUrls the replicas, in order (at least one)
   * @param apiPath the path posted to, e.g. {@code /chat/completions}
   */
  public ReplicaBalancer(List<URI> baseUrls, String apiPath, Balancing rule) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("baseUrls must hold at least 1 base URL, was empty");
    }
    List<Replica> list = new ArrayList<>();
    for (URI u : baseUrls) {
      list.add(new Replica(list.size(), u.toString(), u + apiPath));
    }
    this.replicas = List.copyOf(list);
    this.rule = Objects.requireNonNull(rule, "rule");
    this.outstanding = new AtomicIntegerArray(replicas.size());
  }

  public List<Replica> replicas() {
    return replicas;
  }

  public Balancing rule() {
    return rule;
  }

  /** The replica the next request goes to; counted in flight there until {@link #release}. */
  public Replica pick() {
    int n = replicas.size();
    int next = n == 1 ? 0 : (int) Math.floorMod(turn.getAndIncrement(), (long) n);
    if (rule == Balancing.ROUND_ROBIN || n == 1) {
      outstanding.incrementAndGet(next);
      return replicas.get(next);
    }
    synchronized (outstanding) {
      int best = next;
      for (int k = 1; k < n; k++) {
        int i = (next + k) % n;
        if (outstanding.get(i) < outstanding.get(best)) {
          best = i;
        }
      }
      outstanding.incrementAndGet(best);
      return replicas.get(best);
    }
  }

  /** The request sent to {@code replica} is over (ended, failed or never sent). */
  public void release(Replica replica) {
    outstanding.decrementAndGet(replica.index());
  }

  /** Requests picked for replica {@code index} and not released yet. */
  public int outstanding(int index) {
    return outstanding.get(index);
  }
}
