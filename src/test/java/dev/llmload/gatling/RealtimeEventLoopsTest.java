package dev.llmload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each event loop raised once, off the loop, by its own kernel thread id; a refusal said once and nothing more tried. */
class RealtimeEventLoopsTest {

  private static ExecutorService loop(String name) {
    return Executors.newSingleThreadExecutor(r -> new Thread(r, name));
  }

  /** Waits until {@code loops}' queued work and the raiser's are done. */
  private static void settle(RealtimeEventLoops realtime, ExecutorService... loops) throws Exception {
    for (ExecutorService l : loops) {
      l.submit(() -> {}).get(5, TimeUnit.SECONDS);
    }
    Thread.sleep(200);
  }

  @Test
  void eachLoopIsRaisedOnceByItsOwnThreadId() throws Exception {
    List<String> tids = new CopyOnWriteArrayList<>();
    List<String> said = new CopyOnWriteArrayList<>();
    RealtimeEventLoops realtime = new RealtimeEventLoops(said::add, tid -> {
      tids.add(tid);
      return null;
    });
    ExecutorService a = loop("loop-a");
    ExecutorService b = loop("loop-b");
    try {
      for (int i = 0; i < 5; i++) {
        realtime.accept(a);
        realtime.accept(b);
      }
      settle(realtime, a, b);
      assertEquals(2, tids.size(), tids.toString());
      assertEquals(2, realtime.raised());
      List<String> names = tids.stream().map(RealtimeEventLoopsTest::comm).sorted().toList();
      assertEquals(List.of("loop-a", "loop-b"), names, "the ids are the loops' own threads");
      assertEquals(List.of("event loops at real-time priority (SCHED_FIFO 1, llm.http.realtimeEventLoops)"), said);
    } finally {
      a.shutdownNow();
      b.shutdownNow();
      realtime.close();
    }
  }

  @Test
  void aRefusalIsSaidOnceAndNothingMoreIsTried() throws Exception {
    List<String> tids = new CopyOnWriteArrayList<>();
    List<String> said = new CopyOnWriteArrayList<>();
    RealtimeEventLoops realtime = new RealtimeEventLoops(said::add, tid -> {
      tids.add(tid);
      return "chrt: failed to set pid " + tid + "'s policy: Operation not permitted";
    });
    ExecutorService a = loop("loop-a");
    ExecutorService b = loop("loop-b");
    try {
      realtime.accept(a);
      settle(realtime, a);
      realtime.accept(b);
      settle(realtime, b);
      assertEquals(1, tids.size(), "after a refusal no other loop is tried");
      assertEquals(0, realtime.raised());
      assertEquals(1, said.size());
      assertTrue(said.get(0).startsWith("llm.http.realtimeEventLoops: the event loops stay at normal priority: chrt: failed to set pid "),
          said.get(0));
      assertTrue(said.get(0).contains("needs root or CAP_SYS_NICE"), said.get(0));
    } finally {
      a.shutdownNow();
      b.shutdownNow();
      realtime.close();
    }
  }

  @Test
  void chrtOnAThreadThatDoesNotExistSaysWhy() {
    String problem = RealtimeEventLoops.chrt("2147483646");
    assertNotNull(problem, "no such thread");
    assertTrue(!problem.isBlank());
  }

  private static String comm(String tid) {
    try {
      return Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
