package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The verdict on a starved client: a probed Netty event loop doing small periodic work is watched while idle, then
 * while 2 x the available cores spin and the loop always has 30 blocking 10 ms tasks queued (a probe waits about
 * 300 ms behind them, whatever else the machine runs). The limits are loose (100 ms loop delay p99) so a shared,
 * loaded build machine does not flag the idle window, and the starved one is flagged by a factor of three.
 */
class ClientStarvationTest {

  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
  private static final int BLOCKING_TASKS = 30;
  private static final ClientLimits LOOSE = new ClientLimits(1.0, 100, 0.5, 1000, 1000);

  /** Observes for a fixed duration: the window's length is the measurement, not a synchronisation. */
  private static long observe() {
    long deadline = System.nanoTime() + WINDOW_NANOS;
    while (System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(deadline - System.nanoTime());
    }
    return System.nanoTime();
  }

  @Test
  @Timeout(60)
  void aStarvedClientIsFlaggedAndAnIdleOneIsNot() throws InterruptedException {
    DefaultEventLoop loop = new DefaultEventLoop();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> hogs = new ArrayList<>();
    ClientProbe.Settings settings = new ClientProbe.Settings(Duration.ofMillis(20), Duration.ofMillis(100),
        Duration.ofMinutes(5), ClientCpu.SIMULATED_SERVER_THREADS);
    try (ClientProbe probe = ClientProbe.start(settings)) {
      loop.scheduleAtFixedRate(() -> Math.sqrt(System.nanoTime()), 0, 5, TimeUnit.MILLISECONDS);
      CountDownLatch started = new CountDownLatch(1);
      loop.execute(started::countDown);
      assertTrue(started.await(10, TimeUnit.SECONDS));
      probe.register(loop);

      long idleStart = System.nanoTime();
      long idleEnd = observe();

      for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
        Thread hog = new Thread(() -> {
          long x = 0;
          while (!stop.get()) {
            x += System.nanoTime() & 1;
          }
          if (x == -1) {
            Thread.yield();
          }
        }, "starving-hog-" + i);
        hog.setDaemon(true);
        hog.start();
        hogs.add(hog);
      }
      for (int i = 0; i < BLOCKING_TASKS; i++) {
        loop.execute(new Runnable() {
          @Override
          public void run() {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            if (!stop.get()) {
              loop.execute(this);
            }
          }
        });
      }
      long starvedStart = System.nanoTime();
      long starvedEnd = observe();
      probe.sampleNow();

      ClientWindow idle = probe.window(idleStart, idleEnd).orElseThrow();
      ClientWindow starved = probe.window(starvedStart, starvedEnd).orElseThrow();
      ClientVerdict.Verdict idleVerdict = ClientVerdict.judge(idle, null, LOOSE);
      ClientVerdict.Verdict starvedVerdict = ClientVerdict.judge(starved, null, LOOSE);
      assertFalse(idleVerdict.clientBound(), "idle was judged client-bound: " + idleVerdict.reasons() + " " + idle);
      assertTrue(starvedVerdict.clientBound(), "starved was judged valid: " + starved);
      assertTrue(starvedVerdict.reasons().stream().anyMatch(r -> r.startsWith("event-loop delay p99")),
          starvedVerdict.reasons().toString());
      assertTrue(starved.cpuCoresUsed() > idle.cpuCoresUsed(),
          "the hogs' CPU is the client's: idle " + idle.cpuCoresUsed() + ", starved " + starved.cpuCoresUsed());
    } finally {
      stop.set(true);
      for (Thread hog : hogs) {
        hog.join(TimeUnit.SECONDS.toMillis(10));
      }
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
  }
}
