package dev.llmload.telemetry.client;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's stop-the-world GC pauses, as they end: each pause's duration and end time, kept in a bounded ring (the
 * newest {@code capacity}), asked afterwards per window ({@link #pausesBetween}).
 *
 * <p><b>Which collections are pauses</b> ({@link #isPause}): every {@code GarbageCollectorMXBean} notification
 * except those of a bean whose name ends in {@code "Cycles"}. The pause beans: G1's {@code "G1 Young Generation"}
 * (young and mixed), {@code "G1 Old Generation"} (full) and, from JDK 20, {@code "G1 Concurrent GC"}, which despite
 * its name times only the Remark and Cleanup pauses of a concurrent cycle (JDK-8297247); ZGC's and Shenandoah's
 * {@code "... Pauses"} beans; Parallel's {@code "PS Scavenge"}/{@code "PS MarkSweep"}; Serial's {@code "Copy"}/
 * {@code "MarkSweepCompact"}. Excluded: {@code "ZGC Cycles"}, {@code "ZGC Minor Cycles"}, {@code "ZGC Major
 * Cycles"}, {@code "Shenandoah Cycles"} - whole concurrent cycles during which the application runs
 * (JDK-8265136).
 *
 * <p><b>Time alignment</b>: the JVM stamps each notification with the wall clock at the collection's end
 * ({@code Notification#getTimeStamp}, {@code System.currentTimeMillis()} when the pause was over, measured: the
 * {@code GcInfo} end time is on an uptime clock whose zero differs from {@code RuntimeMXBean#getUptime}'s by a
 * hundred milliseconds or more, so it is not used). At construction {@code System.nanoTime()} is paired with the
 * wall clock, so an end is placed on the nanoTime axis within about 1 ms while the wall clock is not stepped during
 * the run (an NTP step moves later ends by the step); a duration has millisecond resolution.
 */
public final class GcPauses implements AutoCloseable {

  /** Pauses kept by default: far more than a run of hours has. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final long nanosAtStart;
  private final long wallMillisAtStart;
  private final long[] endNanos;
  private final long[] durationNanos;
  private final List<Runnable> unlisteners = new ArrayList<>();
  private long recorded;

  /**
   * Records pauses with wall-clock ends placed on the nanoTime axis by one pairing of the two clocks
   * ({@code nanosAtStart} read when the wall clock read {@code wallMillisAtStart}); listens to nothing (see
   * {@link #listening}).
   */
  GcPauses(int capacity, long nanosAtStart, long wallMillisAtStart) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.nanosAtStart = nanosAtStart;
    this.wallMillisAtStart = wallMillisAtStart;
    this.endNanos = new long[capacity];
    this.durationNanos = new long[capacity];
  }

  /** Listens to every GC bean of this JVM that emits notifications, keeping the newest {@code capacity} pauses. */
  public static GcPauses listening(int capacity) {
    GcPauses pauses = new GcPauses(capacity, System.nanoTime(), System.currentTimeMillis());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener listener = (n, handback) -> pauses.onNotification(n);
        emitter.addNotificationListener(listener, null, null);
        pauses.unlisteners.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
    return pauses;
  }

  /** True when the collector bean {@code gcName} times stop-the-world pauses (the rule in the class comment). */
  public static boolean isPause(String gcName) {
    return !gcName.endsWith("Cycles");
  }

  /** Records one pause that ended at wall-clock {@code endWallMillis} and lasted {@code durationMillis}. */
  void record(long endWallMillis, long durationMillis) {
    long end = nanosAtStart + TimeUnit.MILLISECONDS.toNanos(endWallMillis - wallMillisAtStart);
    synchronized (this) {
      int slot = (int) (recorded % endNanos.length);
      endNanos[slot] = end;
      durationNanos[slot] = TimeUnit.MILLISECONDS.toNanos(Math.max(0, durationMillis));
      recorded++;
    }
  }

  /** The pauses that ended in {@code [startNanos, endNanos)} ({@link System#nanoTime()} values). */
  public synchronized Pauses pausesBetween(long startNanos, long endNanosExclusive) {
    long count = 0;
    long total = 0;
    long max = 0;
    long kept = Math.min(recorded, endNanos.length);
    for (int i = 0; i < kept; i++) {
      long end = endNanos[i];
      if (end - startNanos >= 0 && end - endNanosExclusive < 0) {
        count++;
        total += durationNanos[i];
        max = Math.max(max, durationNanos[i]);
      }
    }
    return new Pauses(count, total / 1e6, max / 1e6);
  }

  /** Stops listening. */
  @Override
  public void close() {
    unlisteners.forEach(Runnable::run);
    unlisteners.clear();
  }

  /**
   * Pauses in a window.
   *
   * @param count how many ended in it
   * @param totalMs their summed duration
   * @param maxMs the longest; 0 when none
   */
  public record Pauses(long count, double totalMs, double maxMs) {
  }

  private void onNotification(Notification n) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if (isPause(info.getGcName())) {
      record(n.getTimeStamp(), info.getGcInfo().getDuration());
    }
  }
}
