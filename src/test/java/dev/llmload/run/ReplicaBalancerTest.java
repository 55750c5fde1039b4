package dev.llmload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmload.config.Balancing;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReplicaBalancerTest {

  private static final List<URI> THREE = List.of(URI.create("http://127.0.0.1:8001/v1"), URI.create("http://127.0.0.1:8002/v1"),
      URI.create("http://127.0.0.1:8003/v1"));

  private static ReplicaBalancer balancer(Balancing rule) {
    return new ReplicaBalancer(THREE, "/chat/completions", rule);
  }

  @Test
  void replicasCarryTheirBaseUrlAndRequestUrl() {
    ReplicaBalancer.Replica second = balancer(Balancing.ROUND_ROBIN).replicas().get(1);
    assertEquals(1, second.index());
    assertEquals("http://127.0.0.1:8002/v1", second.baseUrl());
    assertEquals("http://127.0.0.1:8002/v1/chat/completions", second.requestUrl());
  }

  @Test
  void roundRobinTakesEachReplicaInTurnWhateverIsInFlight() {
    ReplicaBalancer b = balancer(Balancing.ROUND_ROBIN);
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      picked.add(b.pick().index()); // none released: round-robin does not look at what is in flight
    }
    assertEquals(List.of(0, 1, 2, 0, 1, 2, 0), picked);
    assertEquals(3, b.outstanding(0));
    assertEquals(2, b.outstanding(1));
  }

  @Test
  @Timeout(30)
  void roundRobinSplitsExactlyEvenlyAcrossThreads() throws Exception {
    ReplicaBalancer b = balancer(Balancing.ROUND_ROBIN);
    int threads = 4;
    int perThread = 3_000;
    AtomicIntegerArray counts = new AtomicIntegerArray(3);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perThread; i++) {
            ReplicaBalancer.Replica r = b.pick();
            counts.incrementAndGet(r.index());
            b.release(r);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(threads * perThread / 3, counts.get(i), "replica " + i);
      assertEquals(0, b.outstanding(i), "every pick released");
    }
  }

  @Test
  void leastOutstandingTakesTheReplicaWithFewestInFlight() {
    ReplicaBalancer b = balancer(Balancing.LEAST_OUTSTANDING);
    ReplicaBalancer.Replica a = b.pick();
    ReplicaBalancer.Replica c = b.pick();
    ReplicaBalancer.Replica d = b.pick();
    assertEquals(List.of(0, 1, 2), List.of(a.index(), c.index(), d.index()), "all idle: in turn");
    b.release(c);
    assertEquals(1, b.pick().index(), "replica 1 is the only one with nothing in flight");
    assertEquals(1, b.outstanding(1));
    b.release(a);
    b.release(d);
    // 0 and 2 are idle, 1 has one in flight: the next two go to 0 and 2, never to 1
    List<Integer> next = List.of(b.pick().index(), b.pick().index());
    assertEquals(List.of(0, 2), next.stream().sorted().toList());
  }

  @Test
  void leastOutstandingBreaksTiesInTurn() {
    ReplicaBalancer b = balancer(Balancing.LEAST_OUTSTANDING);
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ReplicaBalancer.Replica r = b.pick();
      picked.add(r.index());
      b.release(r); // always a three-way tie at zero
    }
    assertEquals(List.of(0, 1, 2, 0, 1, 2), picked);
  }

  @Test
  void leastOutstandingSendsMoreToTheReplicaThatFinishesSooner() {
    ReplicaBalancer b = balancer(Balancing.LEAST_OUTSTANDING);
    // replica 0 finishes every request at once, 1 and 2 keep theirs in flight
    int[] counts = new int[3];
    for (int i = 0; i < 30; i++) {
      ReplicaBalancer.Replica r = b.pick();
      counts[r.index()]++;
      if (r.index() == 0) {
        b.release(r);
      }
    }
    assertEquals(28, counts[0]);
    assertEquals(1, counts[1]);
    assertEquals(1, counts[2]);
  }

  @Test
  void oneReplicaTakesEveryRequest() {
    ReplicaBalancer b = new ReplicaBalancer(THREE.subList(0, 1), "/completions", Balancing.LEAST_OUTSTANDING);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, b.pick().index());
    }
    assertEquals(3, b.outstanding(0));
  }

  @Test
  void noReplicaIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReplicaBalancer(List.of(), "/completions", Balancing.ROUND_ROBIN));
    assertEquals("baseUrls must hold at least 1 base URL, was empty", e.getMessage());
  }
}
