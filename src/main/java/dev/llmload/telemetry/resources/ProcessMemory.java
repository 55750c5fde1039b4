package dev.llmload.telemetry.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Resident memory (RSS) of a process on this machine, by PID or by name, read from Linux's {@code /proc}:
 * {@code /proc/<pid>/status}, line {@code VmRSS: <n> kB}. Elsewhere (no {@code /proc}) {@link #unavailableReason()}
 * says why and every reading is empty.
 *
 * <p>A process that is gone reads as empty; saying so (once) is the caller's job. A name matches a process whose
 * {@code /proc/<pid>/comm} is the name (the kernel keeps its first 15 characters, so a longer name matches on those)
 * or whose executable ({@link ProcessHandle.Info#command()}) ends with {@code /<name>}; all matches are summed
 * ({@link NamedProcessMemory}). This JVM is never counted. Interpreted servers run as their interpreter: vLLM's
 * processes are {@code python3} to the kernel unless they set a title (vLLM names its engine {@code VLLM::EngineCore}),
 * so give the PID when the name is ambiguous.
 */
public final class ProcessMemory {

  /** How many characters of a name the kernel keeps in {@code /proc/<pid>/comm}. */
  static final int COMM_LENGTH = 15;

  private final Path procRoot;

  ProcessMemory(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** Reads this machine's {@code /proc}. */
  public static ProcessMemory ofThisMachine() {
    return new ProcessMemory(Path.of("/proc"));
  }

  /** Empty where process memory can be read; otherwise one sentence saying why not. */
  public Optional<String> unavailableReason() {
    if (Files.isDirectory(procRoot.resolve("self"))) {
      return Optional.empty();
    }
    return Optional.of("the server's resident memory is read from Linux's " + procRoot + ", which this system ("
        + System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT) + ") does not have: it is not recorded;"
        + " run the load test on the server's Linux machine to record it");
  }

  /** The resident memory of process {@code pid} in bytes; empty when it is gone or cannot be read. */
  public OptionalLong residentBytes(long pid) {
    if (pid <= 0 || unavailableReason().isPresent()) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(procRoot.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(kilobytes(line.substring("VmRSS:".length())) * 1024);
        }
      }
      // a zombie or a kernel thread: no memory of its own
      return OptionalLong.empty();
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static long kilobytes(String value) {
    String v = value.trim();
    if (v.endsWith("kB")) {
      v = v.substring(0, v.length() - 2).trim();
    }
    return Long.parseLong(v);
  }

  /**
   * The resident memory of every process named {@code name}, summed; empty when none is running (or none can be read).
   */
  public Optional<NamedProcessMemory> residentBytes(String name) {
    if (name == null || name.isBlank() || unavailableReason().isPresent()) {
      return Optional.empty();
    }
    List<Long> pids = new ArrayList<>();
    long total = 0;
    for (long pid : pidsNamed(name)) {
      OptionalLong rss = residentBytes(pid);
      if (rss.isPresent()) {
        pids.add(pid);
        total += rss.getAsLong();
      }
    }
    return pids.isEmpty() ? Optional.empty() : Optional.of(new NamedProcessMemory(name, pids, total));
  }

  /** The PIDs of the processes that answer to {@code name}, this JVM excepted, ascending. */
  TreeSet<Long> pidsNamed(String name) {
    long self = ProcessHandle.current().pid();
    TreeSet<Long> out = new TreeSet<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid;
        try {
          pid = Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != self && commMatches(readComm(dir), name)) {
          out.add(pid);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // /proc unreadable as a whole: the command lines below may still answer
    }
    if (procRoot.equals(Path.of("/proc"))) {
      String suffix = "/" + name;
      ProcessHandle.allProcesses()
          .filter(p -> p.pid() != self)
          .filter(p -> p.info().command().map(c -> c.equals(name) || c.endsWith(suffix)).orElse(false))
          .forEach(p -> out.add(p.pid()));
    }
    return out;
  }

  private static String readComm(Path dir) {
    try {
      return Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException | UncheckedIOException e) {
      // gone between the listing and the read, or not ours to read
      return "";
    }
  }

  static boolean commMatches(String comm, String name) {
    if (comm.isEmpty()) {
      return false;
    }
    return comm.equals(name) || (comm.length() == COMM_LENGTH && name.length() > COMM_LENGTH && name.startsWith(comm));
  }
}
