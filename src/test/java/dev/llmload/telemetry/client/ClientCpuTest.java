package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ClientCpuTest {

  /** Spins on a thread named {@code name} until it has used {@code cpuNanos} of its own CPU. */
  private static Thread spin(String name, long cpuNanos) {
    Thread t = new Thread(() -> {
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long start = mx.getCurrentThreadCpuTime();
      long x = 0;
      while (mx.getCurrentThreadCpuTime() - start < cpuNanos) {
        x += System.nanoTime() & 1;
      }
      if (x == 42) {
        Thread.yield();
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  @Test
  void theClientsThreadsAreCountedAndTheExcludedOnesAreNot() throws InterruptedException {
    long spinNanos = TimeUnit.MILLISECONDS.toNanos(200);
    ClientCpu cpu = new ClientCpu(List.of("llm-sim-"));
    Thread server = spin("llm-sim-engine", spinNanos);
    server.start();
    server.join();
    ClientCpu.Delta onlyServer = cpu.sample();
    assertTrue(onlyServer.clientCpuNanos() < spinNanos / 2,
        "the excluded thread's CPU is not the client's, counted " + onlyServer.clientCpuNanos() + " ns");
    assertTrue(onlyServer.processCpuNanos() >= spinNanos * 9 / 10,
        "but it is the process's, counted " + onlyServer.processCpuNanos() + " ns");

    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch spun = new CountDownLatch(1);
    Thread client = new Thread(() -> {
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long start = mx.getCurrentThreadCpuTime();
      while (mx.getCurrentThreadCpuTime() - start < spinNanos) {
        Thread.onSpinWait();
      }
      spun.countDown();
      while (!done.get()) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    }, "gatling-1-1");
    client.setDaemon(true);
    client.start();
    try {
      assertTrue(spun.await(20, TimeUnit.SECONDS));
      ClientCpu.Delta withClient = cpu.sample();
      assertTrue(withClient.clientCpuNanos() >= spinNanos * 9 / 10,
          "a live client thread's CPU is counted, was " + withClient.clientCpuNanos() + " ns");
    } finally {
      done.set(true);
      client.join();
    }
  }

  @Test
  void oneSampleWithFiftyThreadsIsCheap() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> parked = new ArrayList<>();
    for (int i = parked.size(); Thread.activeCount() < 50 && i < 100; i++) {
      Thread t = new Thread(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "parked-" + i);
      t.setDaemon(true);
      t.start();
      parked.add(t);
    }
    try {
      ClientCpu cpu = ClientCpu.excludingSimulatedServer();
      for (int i = 0; i < 200; i++) {
        cpu.sample();
      }
      int rounds = 500;
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        cpu.sample();
      }
      long perSampleMicros = (System.nanoTime() - start) / rounds / 1000;
      assertTrue(cpu.sample().countedThreads() >= 40, "about 50 threads counted");
      assertTrue(perSampleMicros < 5_000, "one sample took " + perSampleMicros + " µs");
    } finally {
      release.countDown();
      for (Thread t : parked) {
        t.join();
      }
    }
  }

  @Test
  void theSimulatedServersThreadsAreExcludedByDefault() {
    assertEquals(List.of("llm-sim-io-", "llm-sim-engine"), ClientCpu.SIMULATED_SERVER_THREADS);
    assertTrue(ClientCpu.availableCores() >= 1);
  }
}
