package dev.llmload.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
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
   * @param jitMillis JIT compilation time since start (the compiler's own wall-clock count, summed over its threads)
   * @param threadCpuMillis CPU time by kind of thread since start ({@link ThreadKind}), from /proc (10 ms ticks);
   *     empty where /proc/self/task cannot be read
   */
  public record Sample(long nanos, long cpuNanos, long gcCount, long gcMillis, long jitMillis, Map<ThreadKind, Long> threadCpuMillis) {

    /** CPU of one kind of thread (ms), 0 when unknown. */
    public long cpuMillis(ThreadKind kind) {
      return threadCpuMillis.getOrDefault(kind, 0L);
    }
  }

  /** What a JVM thread does, by its native name. */
  public enum ThreadKind {
    /** Gatling's Netty event loops: HTTP, SSE decoding, checks, our stamps. */
    EVENT_LOOPS,
    /** Our recorder thread: parsing and aggregating finished requests. */
    RECORDER,
    /** C1 and C2 compiler threads. */
    JIT,
    /** Garbage collector threads and the VM thread (safepoints, pauses). */
    GC_AND_VM,
    /** Everything else: Gatling's actors and timers, JFR, this sampler. */
    OTHER,
    /**
     * The part of {@link #EVENT_LOOPS} spent in the kernel (stime: epoll, socket reads and writes), counted there too;
     * no thread is of this kind.
     */
    EVENT_LOOPS_KERNEL;

    /** The kinds threads are counted under (every one but {@link #EVENT_LOOPS_KERNEL}). */
    public static List<ThreadKind> threads() {
      return List.of(EVENT_LOOPS, RECORDER, JIT, GC_AND_VM, OTHER);
    }

    static ThreadKind of(String comm) {
      if (comm.startsWith("gatling-")) {
        return EVENT_LOOPS;
      }
      if (comm.startsWith("llm-recorder")) {
        return RECORDER;
      }
      if (comm.contains("CompilerThre")) {
        return JIT;
      }
      if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread") || comm.startsWith("ZWorker")
          || comm.startsWith("Shenandoah") || comm.startsWith("ParGC")) {
        return GC_AND_VM;
      }
      return OTHER;
    }
  }

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

  /** Fixed samples, for tests: nothing is sampled. */
  static ProcessCpu of(List<Sample> samples) {
    ProcessCpu cpu = new ProcessCpu(1);
    cpu.samples.addAll(samples);
    return cpu;
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

  /**
   * The work done between two instants, each estimated by linear interpolation between the samples around it (the
   * first or last sample outside the sampled span).
   */
  public synchronized Sample between(long from, long to) {
    Sample a = at(from);
    Sample b = at(to);
    Map<ThreadKind, Long> threads = new EnumMap<>(ThreadKind.class);
    for (ThreadKind k : ThreadKind.values()) {
      threads.put(k, b.cpuMillis(k) - a.cpuMillis(k));
    }
    return new Sample(b.nanos() - a.nanos(), b.cpuNanos() - a.cpuNanos(), b.gcCount() - a.gcCount(), b.gcMillis() - a.gcMillis(),
        b.jitMillis() - a.jitMillis(), threads);
  }

  private Sample at(long nanos) {
    Sample before = samples.get(0);
    for (Sample s : samples) {
      if (s.nanos() >= nanos) {
        if (s.nanos() == before.nanos() || nanos <= before.nanos()) {
          return s;
        }
        double f = (double) (nanos - before.nanos()) / (s.nanos() - before.nanos());
        Map<ThreadKind, Long> threads = new EnumMap<>(ThreadKind.class);
        for (ThreadKind k : ThreadKind.values()) {
          threads.put(k, lerp(before.cpuMillis(k), s.cpuMillis(k), f));
        }
        return new Sample(nanos, lerp(before.cpuNanos(), s.cpuNanos(), f), lerp(before.gcCount(), s.gcCount(), f),
            lerp(before.gcMillis(), s.gcMillis(), f), lerp(before.jitMillis(), s.jitMillis(), f), threads);
      }
      before = s;
    }
    return before;
  }

  private static long lerp(long a, long b, double f) {
    return a + Math.round((b - a) * f);
  }

  /**
   * Per kind of thread, the CPU each live thread of this process used since the previous sample (utime + stime from
   * /proc, in ms), added to the previous totals: a thread that ended since then (the JVM ends idle compiler threads)
   * keeps what it was counted, and misses only its last interval.
   */
  private Map<ThreadKind, Long> threadCpu() {
    Map<ThreadKind, Long> out = new EnumMap<>(ThreadKind.class);
    if (!samples.isEmpty()) {
      out.putAll(samples.get(samples.size() - 1).threadCpuMillis());
    }
    Map<String, Long> now = new java.util.HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long millis = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MILLIS;
          String id = task.getFileName() + " " + comm;
          now.put(id, millis);
          ThreadKind kind = ThreadKind.of(comm);
          out.merge(kind, millis - lastByThread.getOrDefault(id, 0L), Long::sum);
          if (kind == ThreadKind.EVENT_LOOPS) {
            long kernel = Long.parseLong(f[12]) * TICK_MILLIS;
            now.put(id + KERNEL, kernel);
            out.merge(ThreadKind.EVENT_LOOPS_KERNEL, kernel - lastByThread.getOrDefault(id + KERNEL, 0L), Long::sum);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    lastByThread = now;
    return out;
  }

  private Map<String, Long> lastByThread = new java.util.HashMap<>();
  private static final String KERNEL = " kernel";

  /** Linux's USER_HZ is 100 on every mainstream build: one tick is 10 ms. */
  private static final long TICK_MILLIS = 10;

  private synchronized Sample take() {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    var jit = ManagementFactory.getCompilationMXBean();
    long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    Sample s = new Sample(System.nanoTime(), os.getProcessCpuTime(), gcCount, gcMillis, jitMillis, threadCpu());
    samples.add(s);
    return s;
  }
}
