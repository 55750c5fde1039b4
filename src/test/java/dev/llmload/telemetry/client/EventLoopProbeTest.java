package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventLoopProbeTest {

  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Waits until {@code loop} has run everything submitted before this call (FIFO). */
  private static void drain(Executor loop) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    loop.execute(done::countDown);
    assertTrue(done.await(10, TimeUnit.SECONDS), "the loop ran the drain task");
  }

  @Test
  void aLoopIsKeptOnceHoweverOftenItIsRegistered() {
    EventLoopProbe probe = new EventLoopProbe(PERIOD_NANOS);
    Executor a = Runnable::run;
    Executor b = Runnable::run;
    for (int i = 0; i < 1000; i++) {
      probe.register(a);
      probe.register(b);
    }
    probe.register(null);
    assertEquals(2, probe.loopCount());
  }

  @Test
  void anIdleNettyLoopShowsASmallDelay() throws InterruptedException {
    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      EventLoopProbe probe = new EventLoopProbe(PERIOD_NANOS);
      probe.register(loop);
      drain(loop);
      probe.probeLoops(System.nanoTime());
      drain(loop);
      Histogram delays = probe.takeInterval().loopDelayMicros();
      assertTrue(delays.getTotalCount() >= 1, "its probe ran");
      assertEquals(0, probe.oldestWaitingNanos(System.nanoTime()), "none waits");
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLoopBusyWithABlockingTaskShowsTheWait() throws InterruptedException {
    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      EventLoopProbe probe = new EventLoopProbe(PERIOD_NANOS);
      probe.register(loop);
      CountDownLatch blocking = new CountDownLatch(1);
      loop.execute(() -> {
        blocking.countDown();
        sleepMillis(300);
      });
      assertTrue(blocking.await(10, TimeUnit.SECONDS));
      long submitted = System.nanoTime();
      probe.probeLoops(submitted);
      probe.probeLoops(submitted + PERIOD_NANOS);
      assertTrue(probe.oldestWaitingNanos(submitted + PERIOD_NANOS) >= PERIOD_NANOS,
          "a probe still waiting shows its age");
      drain(loop);
      Histogram delays = probe.takeInterval().loopDelayMicros();
      assertTrue(delays.getMaxValue() >= 250_000, "waited about 300 ms, max was " + delays.getMaxValue() + " µs");
      assertTrue(delays.getTotalCount() > 1, "the probes it missed are filled in, count " + delays.getTotalCount());
      assertEquals(0, probe.takeInterval().loopDelayMicros().getTotalCount(), "an interval is taken once");
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void theLoopsOfANioGroupAreProbedEach() throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      EventLoopProbe probe = new EventLoopProbe(PERIOD_NANOS);
      List<EventLoop> loops = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        EventLoop next = group.next();
        loops.add(next);
        probe.register(next);
        drain(next);
      }
      assertEquals(2, probe.loopCount());
      probe.probeLoops(System.nanoTime());
      for (EventLoop l : loops) {
        drain(l);
      }
      assertEquals(2, probe.takeInterval().loopDelayMicros().getTotalCount());
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLoopThatRejectsItsProbeIsDropped() {
    EventLoopProbe probe = new EventLoopProbe(PERIOD_NANOS);
    probe.register(task -> {
      throw new RejectedExecutionException("shut down");
    });
    probe.register(Runnable::run);
    probe.probeLoops(System.nanoTime());
    assertEquals(1, probe.loopCount());
    assertEquals(1, probe.takeInterval().loopDelayMicros().getTotalCount());
  }

  @Test
  void wakeLatenessIsRecordedWithTheProbesItMissed() {
    EventLoopProbe probe = new EventLoopProbe(PERIOD_NANOS);
    probe.recordWakeLateness(TimeUnit.MILLISECONDS.toNanos(1));
    probe.recordWakeLateness(TimeUnit.MILLISECONDS.toNanos(65));
    Histogram wake = probe.takeInterval().wakeLatenessMicros();
    assertEquals(4, wake.getTotalCount(), "1 ms, 65 ms and the 45 and 25 ms wake-ups it stands for");
    assertTrue(wake.getMaxValue() >= 64_000);
  }

  @Test
  void aProbePeriodBelowOneMillisecondIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EventLoopProbe(1000));
    assertEquals("probePeriodNanos must be at least 1 ms, was 1000 ns", e.getMessage());
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
