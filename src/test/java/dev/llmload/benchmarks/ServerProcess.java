package dev.llmload.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.server.SimulatorMain;
import dev.llmload.targets.ChildRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated server ({@link SimulatorMain}) in a JVM of its own, optionally pinned to CPUs with {@code taskset}
 * so that it does not compete with the client it measures. Its ground truth is read over HTTP
 * ({@code GET /debug/requests}); its write times are that JVM's {@code System.nanoTime()}, which on Linux is
 * {@code CLOCK_MONOTONIC} in every JVM of the machine, so they compare with this JVM's stamps directly.
 * Output goes to a log file; {@link #close()} ends the process.
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the server on a free loopback port with {@code llm.server.*} as given ({@code settings} keys without the
   * prefix), pinned to {@code cpus} (a taskset list such as "1"; empty: not pinned), and waits until it answers
   * {@code /health} (at most 60 s).
   */
  public static ServerProcess start(Map<String, String> settings, Optional<String> cpus, Path log) {
    int port = freePort();
    ChildRun jvm = ChildRun.ofThisJvm();
    List<String> command = new ArrayList<>();
    cpus.ifPresent(c -> command.addAll(List.of("taskset", "-c", c)));
    command.add(jvm.java().toString());
    command.add("-Xmx1G");
    command.add("-cp");
    command.add(jvm.classpath());
    command.add("-Dllm.server.port=" + port);
    settings.forEach((k, v) -> command.add("-Dllm.server." + k + "=" + v));
    command.add(SimulatorMain.class.getName());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ServerProcess server = new ServerProcess(p, port, log);
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "bench-server-stop"));
      server.awaitHealthy(Duration.ofSeconds(60));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("the simulated server's JVM did not start: " + e.getMessage(), e);
    }
  }

  /** {@code taskset} is on the PATH (util-linux). */
  public static boolean tasksetAvailable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "taskset"))) {
        return true;
      }
    }
    return false;
  }

  /** Pins every thread of this JVM (and the threads they start later) to {@code cpus}; false if taskset failed. */
  public static boolean pinThisJvm(String cpus) {
    try {
      Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/v1";
  }

  public long pid() {
    return process.pid();
  }

  /** The content write times of every completed request the server keeps, by request id (the latest attempt). */
  public ServerTruth truth() {
    JsonNode root = get("/debug/requests");
    Map<String, long[]> writes = new HashMap<>();
    for (JsonNode r : root.path("requests")) {
      if (!"completed".equals(r.path("outcome").asText())) {
        continue;
      }
      JsonNode w = r.path("contentWriteNanos");
      long[] nanos = new long[w.size()];
      for (int i = 0; i < nanos.length; i++) {
        nanos[i] = w.get(i).asLong();
      }
      writes.put(r.path("requestId").asText(), nanos);
    }
    return new ServerTruth(writes, root.path("received").asLong(), root.path("duplicateRequestIds").asLong());
  }

  /**
   * What the server wrote: content write times by request id, requests received, retries seen.
   *
   * @param contentWriteNanos by request id, the server JVM's nanoTime of every content chunk's write
   * @param received completions requests received
   * @param duplicates requests whose id had been seen before
   */
  public record ServerTruth(Map<String, long[]> contentWriteNanos, long received, long duplicates) {}

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
      }
      return new ObjectMapper().readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the simulated server's JVM ended with status " + process.exitValue() + " (see " + log + ")");
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("the simulated server did not answer /health within " + timeout.toSeconds() + " s (see " + log + ")");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
