package dev.llmload.telemetry.resources;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What stands in for a GPU machine in these tests: {@code nvidia-smi} scripts, a DCGM exporter on 127.0.0.1, and
 * child processes with names of their own (a copy of {@code bash}) whose memory can be read.
 */
public final class StandIns {

  private StandIns() {}

  /** The reusable stand-in {@code nvidia-smi} (two GPUs), copied into {@code dir} and made executable. */
  public static Path nvidiaSmi(Path dir) throws IOException {
    try (InputStream in = StandIns.class.getResourceAsStream("nvidia-smi")) {
      return executable(dir, "nvidia-smi", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** A bash script named {@code name} in {@code dir} with {@code body} after the shebang, executable. */
  static Path script(Path dir, String name, String body) throws IOException {
    return executable(dir, name, "#!/usr/bin/env bash\n" + body + "\n");
  }

  private static Path executable(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** The DCGM fixture, as written by us. */
  static String dcgmFixture() throws IOException {
    try (InputStream in = StandIns.class.getResourceAsStream("dcgm.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A closed port on 127.0.0.1: a connection to it is refused. */
  static int refusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A stand-in DCGM exporter on 127.0.0.1: {@code /metrics} serves the fixture with each energy counter raised by
   * {@link #ENERGY_STEP_MILLIJOULES} per earlier scrape; {@code /other} serves metrics that are not DCGM's; every other
   * path answers 404.
   */
  public static final class Exporter implements AutoCloseable {

    static final long ENERGY_STEP_MILLIJOULES = 5_000;
    private static final Pattern ENERGY = Pattern.compile("^(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION\\{[^}]*\\}) (\\d+)$",
        Pattern.MULTILINE);

    private final HttpServer server;
    final AtomicInteger scrapes = new AtomicInteger();

    public Exporter() throws IOException {
      String fixture = dcgmFixture();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", ex -> {
        byte[] body;
        int status;
        if (ex.getRequestURI().getPath().equals("/metrics")) {
          long add = scrapes.getAndIncrement() * ENERGY_STEP_MILLIJOULES;
          Matcher m = ENERGY.matcher(fixture);
          StringBuilder out = new StringBuilder();
          while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " " + (Long.parseLong(m.group(2)) + add)));
          }
          m.appendTail(out);
          body = out.toString().getBytes(StandardCharsets.UTF_8);
          status = 200;
          ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        } else if (ex.getRequestURI().getPath().equals("/other")) {
          body = "# TYPE up gauge\nup 1\n".getBytes(StandardCharsets.UTF_8);
          status = 200;
        } else {
          body = "404 page not found\n".getBytes(StandardCharsets.UTF_8);
          status = 404;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      server.start();
    }

    URI base() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI metrics() {
      return base().resolve("/metrics");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * A copy of {@code bash} named {@code name} (at most 15 characters, so it is its own comm) in {@code dir}: a process
   * that can say when it is ready and then sits still.
   */
  public static Path namedShell(Path dir, String name) throws IOException {
    Path bash = Files.isExecutable(Path.of("/bin/bash")) ? Path.of("/bin/bash") : Path.of("/usr/bin/bash");
    Path copy = dir.resolve(name);
    Files.copy(bash, copy);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    return copy;
  }

  /**
   * A child process of {@code shell} that is fully loaded (it has said "ready") and then waits on its input, which
   * stays open until the test destroys it: its memory does not move meanwhile.
   */
  public static Process start(Path shell) throws IOException {
    Process p = new ProcessBuilder(shell.toString(), "-c", "echo ready; read -r line").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"ready".equals(line)) {
      p.destroyForcibly();
      throw new IOException(shell + " did not start: it said " + line);
    }
    return p;
  }

  /** Destroys {@code p} and waits for it to be gone (and reaped). */
  public static void stop(Process p) throws InterruptedException {
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
