package dev.llmload.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real-browser check of a report page: renders a file in headless Chromium (Debian's {@code chromium}) from
 * {@code file://}, as a user opening it would, and returns the DOM after the page loaded, each canvas's
 * {@code data-drawn} mark (set by {@link DrawnCanvases}: Chart.js drew it) and the console messages. Chromium prints
 * every console message at the same level ({@code INFO:CONSOLE}, whatever the call), so all of them are returned: our
 * pages log nothing, and an uncaught exception arrives as {@code "Uncaught ..."}. Tests call {@link #available()} in a
 * JUnit assumption: without chromium on the PATH the check is skipped ({@code .ci/run} installs it).
 */
public final class HeadlessChromium {

  /** A page that needs longer than this to render is a failure in itself. */
  static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");
  private static final Pattern CANVAS = Pattern.compile("<canvas\\b([^>]*)>");
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");
  private static final Pattern DRAWN = Pattern.compile("\\bdata-drawn=\"([^\"]*)\"");
  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[^\\]]*\\]\\s*(.*)$");

  private HeadlessChromium() {}

  /**
   * What the browser made of a page.
   *
   * @param dom the document after it loaded ({@code --dump-dom})
   * @param canvases each canvas's id (or {@code #n}, its place, without one) and its {@code data-drawn} mark ({@code
   *     "yes"}, {@code "no"}, or {@code "unmarked"} when the page's script never got to it)
   * @param console every console message, in order, with its source
   */
  public record Rendering(String dom, Map<String, String> canvases, List<String> console) {

    /** The canvases not marked drawn. */
    public List<String> undrawn() {
      return canvases.entrySet().stream().filter(e -> !e.getValue().equals("yes")).map(e -> e.getKey() + " (" + e.getValue() + ")")
          .toList();
    }
  }

  /** {@code chromium} (or {@code chromium-browser}) on the PATH, if any. */
  public static Optional<Path> executable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  public static boolean available() {
    return executable().isPresent();
  }

  /** The sentence a skipped check gives. */
  public static final String SKIPPED = "chromium is not on the PATH: the real-browser check is skipped (.ci/run installs it with apt-get)";

  /**
   * Renders {@code page} from {@code file://} in a fresh profile under {@code scratch} and waits (at most
   * {@link #DEADLINE}) for the DOM.
   */
  public static Rendering render(Path page, Path scratch) throws IOException, InterruptedException {
    Path chromium = executable().orElseThrow(() -> new IllegalStateException(SKIPPED));
    Path work = Files.createTempDirectory(scratch, "chromium");
    Path out = work.resolve("dom.html");
    Path err = work.resolve("stderr.txt");
    List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--user-data-dir=" + work.resolve("profile"), "--enable-logging=stderr",
        "--v=0", "--window-size=1400,1000", "--dump-dom", page.toAbsolutePath().toUri().toString());
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("chromium did not render " + page + " within " + DEADLINE.toSeconds() + " s");
      }
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (p.exitValue() != 0 || dom.isBlank()) {
      throw new IOException("chromium exited with " + p.exitValue() + " and " + (dom.isBlank() ? "no" : "a") + " DOM for " + page
          + "; its log ends:\n" + tail(stderr, 20));
    }
    return new Rendering(dom, canvases(dom), console(stderr));
  }

  static Map<String, String> canvases(String dom) {
    Map<String, String> marks = new LinkedHashMap<>();
    Matcher canvas = CANVAS.matcher(dom);
    for (int n = 1; canvas.find(); n++) {
      Matcher id = ID.matcher(canvas.group(1));
      Matcher drawn = DRAWN.matcher(canvas.group(1));
      marks.put(id.find() ? id.group(1) : "#" + n, drawn.find() ? drawn.group(1) : "unmarked");
    }
    return marks;
  }

  static List<String> console(String stderr) {
    List<String> messages = new ArrayList<>();
    try (Stream<String> lines = stderr.lines()) {
      lines.forEach(line -> {
        Matcher m = CONSOLE.matcher(line);
        if (m.find()) {
          messages.add(m.group(1));
        }
      });
    }
    return messages;
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
