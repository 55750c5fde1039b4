package dev.llmload.telemetry.resources;

import java.util.List;
import java.util.Objects;

/**
 * The resident memory of every process that answers to one name, summed: a server that runs as several processes
 * (vLLM's API server and its engine workers) counts as all of them.
 *
 * @param name the name asked for
 * @param pids the processes found, in ascending order, at least one
 * @param residentBytes their resident memory (RSS) together, bytes
 */
public record NamedProcessMemory(String name, List<Long> pids, long residentBytes) {

  public NamedProcessMemory {
    Objects.requireNonNull(name, "name");
    pids = List.copyOf(pids);
    if (pids.isEmpty()) {
      throw new IllegalArgumentException("pids must hold at least 1 process, was empty");
    }
    if (residentBytes < 0) {
      throw new IllegalArgumentException("residentBytes must be at least 0, was " + residentBytes);
    }
  }

  /** How many processes were summed. */
  public int processCount() {
    return pids.size();
  }
}
