package dev.llmload.telemetry.client;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time the client used, as deltas between samples: the summed CPU of every live thread whose name does not
 * start with an excluded prefix (the embedded simulated server runs in the same JVM; its threads are excluded by
 * default), and the whole process's CPU ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}, which
 * includes that server, the JIT and the GC).
 *
 * <p>Each thread's name is read once, the first time its id is seen (thread ids are never reused; a thread renamed
 * later keeps its first verdict). A thread first seen in a sample counts all its CPU as this interval's (it started
 * after the previous sample); a thread that ended between two samples loses its last interval's CPU.
 *
 * <p>Cost: one {@link #sample()} with 55 live threads took 0.2-0.3 ms on the 2-core build machine while it was
 * shared (load average 14; one {@code getThreadCpuTime} call per thread dominates; {@code ClientCpuTest} measures
 * it), so sampling every 200 ms costs about 0.15 % of one core. Not thread-safe: one sampling thread.
 */
public final class ClientCpu {

  /** The thread-name prefixes of the embedded simulated server: {@code llm-sim-io-*} and {@code llm-sim-engine}. */
  public static final List<String> SIMULATED_SERVER_THREADS = List.of("llm-sim-io-", "llm-sim-engine");

  private final List<String> excludedPrefixes;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, Boolean> countedById = new HashMap<>();
  private Map<Long, Long> lastCpuNanos = new HashMap<>();
  private long lastProcessCpuNanos;

  /** Counts every thread whose name does not start with one of {@code excludedPrefixes}. */
  public ClientCpu(List<String> excludedPrefixes) {
    this.excludedPrefixes = List.copyOf(excludedPrefixes);
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    sample();
  }

  /** Excludes the simulated server's threads ({@link #SIMULATED_SERVER_THREADS}). */
  public static ClientCpu excludingSimulatedServer() {
    return new ClientCpu(SIMULATED_SERVER_THREADS);
  }

  /** The cores this JVM may use ({@link Runtime#availableProcessors()}, which honours container limits). */
  public static int availableCores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The CPU used since the previous sample (the first, taken by the constructor, since the thread started). */
  public Delta sample() {
    long[] ids = threads.getAllThreadIds();
    Map<Long, Long> now = new HashMap<>(ids.length * 2);
    long clientNanos = 0;
    int counted = 0;
    for (long id : ids) {
      if (!counted(id)) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(id);
      if (cpu < 0) {
        continue;
      }
      now.put(id, cpu);
      clientNanos += Math.max(0, cpu - lastCpuNanos.getOrDefault(id, 0L));
      counted++;
    }
    countedById.keySet().retainAll(now.keySet());
    lastCpuNanos = now;
    long process = processCpuNanos();
    long processDelta = process < 0 ? -1 : Math.max(0, process - lastProcessCpuNanos);
    lastProcessCpuNanos = process;
    return new Delta(clientNanos, processDelta, counted);
  }

  /**
   * One sample's CPU.
   *
   * @param clientCpuNanos the counted threads' CPU since the previous sample
   * @param processCpuNanos the whole process's CPU since the previous sample; -1 when the JVM does not offer it
   * @param countedThreads how many live threads were counted
   */
  public record Delta(long clientCpuNanos, long processCpuNanos, int countedThreads) {
  }

  private boolean counted(long id) {
    Boolean known = countedById.get(id);
    if (known != null) {
      return known;
    }
    ThreadInfo info = threads.getThreadInfo(id);
    if (info == null) {
      return false;
    }
    String name = info.getThreadName();
    boolean counted = excludedPrefixes.stream().noneMatch(name::startsWith);
    countedById.put(id, counted);
    return counted;
  }

  private long processCpuNanos() {
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }
}
