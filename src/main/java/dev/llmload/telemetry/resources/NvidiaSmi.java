package dev.llmload.telemetry.resources;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * GPU memory, utilisation and power from {@code nvidia-smi}: each {@link #query()} runs
 * {@code <command> --query-gpu=index,name,memory.used,memory.total,utilization.gpu,power.draw
 * --format=csv,noheader,nounits} once, bounded by a timeout (the command and its children are killed when it runs out),
 * and reads one {@link GpuSample} per line. A field the GPU does not report ({@code [N/A]}, {@code [Not Supported]})
 * reads as null where the record allows it.
 *
 * <p>The command is a path, or a name looked up on {@code PATH} once, when this is built; {@link #available()} is false
 * when it is not there, and {@link #unavailableReason()} says so in one sentence.
 */
public final class NvidiaSmi {

  /** The command looked up on {@code PATH} when none is configured. */
  public static final String DEFAULT_COMMAND = "nvidia-smi";

  /** How long one query may take before it is killed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The fields asked for, in the order each line answers them. */
  static final String QUERY = "index,name,memory.used,memory.total,utilization.gpu,power.draw";

  private static final int FIELDS = 6;

  private final String command;
  private final Duration timeout;
  private final Optional<Path> executable;

  /**
   * @param command a path to the executable, or a name looked up on {@code PATH} (e.g. {@link #DEFAULT_COMMAND})
   * @param timeout how long one query may take, above 0
   */
  public NvidiaSmi(String command, Duration timeout) {
    this(command, timeout, System.getenv("PATH"));
  }

  NvidiaSmi(String command, Duration timeout, String pathVariable) {
    Objects.requireNonNull(command, "command");
    if (command.isBlank()) {
      throw new IllegalArgumentException("command must not be blank, was \"" + command + "\"");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be above 0, was " + timeout);
    }
    this.command = command;
    this.timeout = timeout;
    this.executable = locate(command, pathVariable);
  }

  /** {@link #DEFAULT_COMMAND} on {@code PATH}, with {@link #DEFAULT_TIMEOUT}. */
  public static NvidiaSmi onPath() {
    return new NvidiaSmi(DEFAULT_COMMAND, DEFAULT_TIMEOUT);
  }

  /** Where {@code command} is: itself when it names a path, else the first executable of that name on the path. */
  static Optional<Path> locate(String command, String pathVariable) {
    if (command.contains("/") || command.contains(File.separator)) {
      Path p = Path.of(command);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, command);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** True when the command was found. */
  public boolean available() {
    return executable.isPresent();
  }

  /** Empty when {@link #available()}; otherwise one sentence saying what is missing. */
  public Optional<String> unavailableReason() {
    if (executable.isPresent()) {
      return Optional.empty();
    }
    String where = command.contains("/") || command.contains(File.separator)
        ? command + " is not an executable file"
        : command + " is not on the PATH";
    return Optional.of(where + ": GPU memory and utilisation are not recorded; install the NVIDIA driver's nvidia-smi"
        + " or set the command's full path");
  }

  /** The command as configured. */
  public String command() {
    return command;
  }

  /**
   * Runs the query once and reads every GPU it lists.
   *
   * @throws ResourceException when the command is not there, cannot start, runs longer than the timeout, exits with a
   *     status other than 0 (its message in the sentence), or prints what does not parse
   * @throws InterruptedException when interrupted while waiting (the command is killed first)
   */
  public List<GpuSample> query() throws ResourceException, InterruptedException {
    Optional<String> missing = unavailableReason();
    if (missing.isPresent()) {
      throw new ResourceException(missing.get());
    }
    Path out = null;
    Path err = null;
    try {
      // files, not pipes: nothing to drain, and a child left holding the pipe cannot keep us waiting
      out = Files.createTempFile("nvidia-smi", ".out");
      err = Files.createTempFile("nvidia-smi", ".err");
      Process p;
      try {
        p = new ProcessBuilder(executable.get().toString(), "--query-gpu=" + QUERY, "--format=csv,noheader,nounits")
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
      } catch (IOException e) {
        throw new ResourceException(command + " could not be started (" + e.getMessage() + "): check that it is an"
            + " executable nvidia-smi", e);
      }
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill(p);
        throw e;
      }
      if (!done) {
        kill(p);
        throw new ResourceException(command + " did not answer within " + timeout.toMillis() + " ms and was stopped:"
            + " check the GPU driver (nvidia-smi alone should answer at once)");
      }
      if (p.exitValue() != 0) {
        String message = firstLine(Files.readString(err, StandardCharsets.UTF_8));
        if (message.isEmpty()) {
          message = firstLine(Files.readString(out, StandardCharsets.UTF_8));
        }
        throw new ResourceException(command + " exited with status " + p.exitValue()
            + (message.isEmpty() ? "" : " saying \"" + message + "\"") + ": check that the NVIDIA driver is loaded");
      }
      return parse(Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ResourceException("the output of " + command + " could not be read (" + e.getMessage() + "): check"
          + " that the temporary directory is writable", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null");
  }

  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(1, TimeUnit.SECONDS);
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        p.toFile().deleteOnExit();
      }
    }
  }

  private static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }

  /**
   * Reads {@code nvidia-smi}'s CSV (no header, no units): one GPU a line, fields {@value #QUERY}; blank lines are
   * skipped. Pure.
   *
   * @throws ResourceException naming the first line that does not parse, or when no GPU is listed
   */
  static List<GpuSample> parse(String csv) throws ResourceException {
    List<GpuSample> out = new ArrayList<>();
    String[] lines = csv.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      out.add(parseLine(lines[i], i + 1));
    }
    if (out.isEmpty()) {
      throw new ResourceException("nvidia-smi listed no GPU: check that the NVIDIA driver sees one");
    }
    return List.copyOf(out);
  }

  private static GpuSample parseLine(String line, int number) throws ResourceException {
    // the name may hold commas in theory, never in practice; the numeric fields are at the end
    String[] f = line.split(",");
    if (f.length < FIELDS) {
      throw unreadable(line, number, "it has " + f.length + " fields, not " + FIELDS);
    }
    int extra = f.length - FIELDS;
    StringBuilder name = new StringBuilder(f[1].strip());
    for (int k = 0; k < extra; k++) {
      name.append(',').append(f[2 + k]);
    }
    try {
      int index = Integer.parseInt(f[0].strip());
      Double used = number(f[2 + extra]);
      Double total = number(f[3 + extra]);
      if (used == null || total == null) {
        throw unreadable(line, number, "memory.used and memory.total must be numbers");
      }
      return new GpuSample(index, name.toString().strip(), used, total, number(f[4 + extra]), number(f[5 + extra]));
    } catch (IllegalArgumentException e) {
      throw unreadable(line, number, e.getMessage());
    }
  }

  /** A number, or null for a field the GPU does not report ("[N/A]", "[Not Supported]", "N/A"). */
  private static Double number(String field) {
    String v = field.strip();
    if (v.startsWith("[") || v.equalsIgnoreCase("N/A")) {
      return null;
    }
    return Double.parseDouble(v);
  }

  private static ResourceException unreadable(String line, int number, String why) {
    return new ResourceException("nvidia-smi printed a line that is not a GPU (line " + number + ", \"" + line.strip()
        + "\": " + why + "): check that the command is nvidia-smi");
  }
}
