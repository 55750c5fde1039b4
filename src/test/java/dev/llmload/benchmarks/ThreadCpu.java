package dev.llmload.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by a set of threads between {@link #start()} and {@link #elapsedCpuNanos()}: every live thread
 * whose name does not start with one of the excluded prefixes (e.g. the embedded server's threads, so only the
 * client's cost is counted). Threads that end in between are missed; Gatling's event loops live for the run.
 */
public final class ThreadCpu {

  private final List<String> excludedPrefixes;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startNanos = new HashMap<>();

  private ThreadCpu(List<String> excludedPrefixes) {
    this.excludedPrefixes = List.copyOf(excludedPrefixes);
  }

  public static ThreadCpu excludingPrefixes(List<String> prefixes) {
    return new ThreadCpu(prefixes);
  }

  public void start() {
    startNanos.clear();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (counted(t)) {
        startNanos.put(t.getId(), Math.max(0, threads.getThreadCpuTime(t.getId())));
      }
    }
  }

  public long elapsedCpuNanos() {
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (counted(t)) {
        long now = threads.getThreadCpuTime(t.getId());
        if (now >= 0) {
          total += now - startNanos.getOrDefault(t.getId(), 0L);
        }
      }
    }
    return total;
  }

  private boolean counted(Thread t) {
    return excludedPrefixes.stream().noneMatch(p -> t.getName().startsWith(p));
  }
}
