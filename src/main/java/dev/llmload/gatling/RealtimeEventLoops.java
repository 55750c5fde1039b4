package dev.llmload.gatling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code llm.http.realtimeEventLoops}: each of Gatling's event loops, the first time a request ends on it, is moved to
 * the real-time scheduling class ({@code SCHED_FIFO}, priority 1, with {@code chrt}). Why: on a client core shared with
 * the JIT compiler, the garbage collector and our recorder, a chunk that arrives while one of them runs waits for the
 * rest of its time slice (the Linux scheduler's, about 3 ms here) before the event loop stamps it; that wait, not the
 * client's code, is the client-added ITL and TTFT tail (README, "Accuracy and benchmarks"). A real-time event loop runs
 * as soon as its socket is readable. Needs Linux, {@code chrt} and the right to use real-time priorities (root, or
 * {@code CAP_SYS_NICE}); without them it says so once and the run goes on at normal priority. The kernel keeps 5 % of
 * each second for other threads (real-time throttling), so a saturated event loop cannot lock the core. Measured
 * caveat: now and then one loop stalls for about one throttling period (1 s), as when a real-time thread waits on a
 * normal one; the telemetry's client verdict flags that level.
 */
final class RealtimeEventLoops implements Consumer<Executor> {

  /** The real-time priority given: the lowest, above every normal thread. */
  static final int PRIORITY = 1;

  private final Set<Executor> seen = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "llm-loop-priority");
    t.setDaemon(true);
    return t;
  });
  private final Consumer<String> say;
  private final java.util.function.UnaryOperator<String> raiser;
  private final AtomicBoolean refused = new AtomicBoolean();
  private final AtomicInteger raised = new AtomicInteger();

  /** @param say where the one line of success or refusal goes (the console) */
  RealtimeEventLoops(Consumer<String> say) {
    this(say, RealtimeEventLoops::chrt);
  }

  /** @param raiser raises the thread of a kernel thread id; null when it worked, else what went wrong */
  RealtimeEventLoops(Consumer<String> say, java.util.function.UnaryOperator<String> raiser) {
    this.say = say;
    this.raiser = raiser;
  }

  /** Called on every request's end with its event loop: a loop not seen before is raised (once), off the loop. */
  @Override
  public void accept(Executor loop) {
    if (refused.get() || !seen.add(loop)) {
      return;
    }
    loop.execute(() -> {
      String tid = currentThreadId();
      worker.execute(() -> raise(tid));
    });
  }

  /** How many event loops run at real-time priority so far. */
  int raised() {
    return raised.get();
  }

  void close() {
    worker.shutdownNow();
  }

  private void raise(String tid) {
    if (refused.get()) {
      return;
    }
    String problem = tid == null ? "no /proc/thread-self (real-time event loops need Linux)" : raiser.apply(tid);
    if (problem == null) {
      if (raised.incrementAndGet() == 1) {
        say.accept("event loops at real-time priority (SCHED_FIFO " + PRIORITY + ", llm.http.realtimeEventLoops)");
      }
    } else if (refused.compareAndSet(false, true)) {
      say.accept("llm.http.realtimeEventLoops: the event loops stay at normal priority: " + problem
          + " (needs root or CAP_SYS_NICE, and chrt from util-linux); client-side tails may include the scheduler's time slices");
    }
  }

  /** Runs {@code chrt -f -p 1 <tid>}; null when it worked, else what went wrong. */
  static String chrt(String tid) {
    List<String> command = List.of("chrt", "-f", "-p", Integer.toString(PRIORITY), tid);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "chrt did not answer within 5 s";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? null : out.isEmpty() ? "chrt exited with " + p.exitValue() : out;
    } catch (IOException e) {
      return "chrt could not be started (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The kernel's id of the calling thread ({@code /proc/thread-self} is {@code <pid>/task/<tid>}), null off Linux. */
  static String currentThreadId() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
