package dev.llmload.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's CPU time, GC and JIT work, sampled every {@code periodMillis} on a daemon thread, so that any window of
 * the run (a level, the steady state) can be costed afterwards. CPU is the whole process's
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}: every thread, GC and JIT compiler included);
 * GC is the collectors' accumulated collection count and time; JIT is the compiler's accumulated time.
 */
public final class ProcessCpu {

  /**
   * One sample.
   *
   * @param nanos {@code System.nanoTime()} when taken
   * @param cpuNanos process CPU time since the JVM started
   * @param gcCount collections since start
   * @param gcMillis time in collections since start
   * @param jitMillis JIT compilation time since start
   */
  public record Sample(long nanos, long cpuNanos, long gcCount, long gcMillis, long jitMillis) {}

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private ProcessCpu(long periodMillis) {
    thread = new Thread(() -> {
      while (running) {
        take();
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-cpu-sampler");
    thread.setDaemon(true);
  }

  /** Starts sampling now. */
  public static ProcessCpu sampleEvery(long periodMillis) {
    ProcessCpu cpu = new ProcessCpu(periodMillis);
    cpu.take();
    cpu.thread.start();
    return cpu;
  }

  /** Stops sampling and takes a last sample. */
  public Sample stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return take();
  }

  /** The work done between two instants: the last sample at or before {@code from}, the first at or after {@code to}. */
  public synchronized Sample between(long from, long to) {
    Sample a = samples.get(0);
    Sample b = samples.get(samples.size() - 1);
    for (Sample s : samples) {
      if (s.nanos() <= from) {
        a = s;
      }
      if (s.nanos() >= to) {
        b = s;
        break;
      }
    }
    return new Sample(b.nanos() - a.nanos(), b.cpuNanos() - a.cpuNanos(), b.gcCount() - a.gcCount(), b.gcMillis() - a.gcMillis(),
        b.jitMillis() - a.jitMillis());
  }

  private synchronized Sample take() {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    var jit = ManagementFactory.getCompilationMXBean();
    long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    Sample s = new Sample(System.nanoTime(), os.getProcessCpuTime(), gcCount, gcMillis, jitMillis);
    samples.add(s);
    return s;
  }
}
