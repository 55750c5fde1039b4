package dev.llmload.telemetry.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessMemory} against real child processes (a copy of {@code bash} with a name of its own, idle once it said it is ready) and against a
 * {@code /proc} written by the test, whose numbers are exact.
 */
@Timeout(30)
class ProcessMemoryTest {

  /** How far two reads of one live process may differ. */
  private static final double TOLERANCE_BYTES = 512 * 1024;

  @TempDir Path dir;

  private static String uniqueName() {
    return "rsstest" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
  }

  @Test
  void readsALiveChildByPidAndByNameAndNothingOnceItIsGone() throws Exception {
    ProcessMemory memory = ProcessMemory.ofThisMachine();
    assumeTrue(memory.unavailableReason().isEmpty(), "needs Linux's /proc");
    String name = uniqueName();
    Process child = StandIns.start(StandIns.namedShell(dir, name));
    try {
      OptionalLong byPid = memory.residentBytes(child.pid());
      assertTrue(byPid.isPresent(), "a live child has a resident memory");
      assertTrue(byPid.getAsLong() > 0 && byPid.getAsLong() % 1024 == 0, "whole kB, above 0: " + byPid);
      Optional<NamedProcessMemory> byName = memory.residentBytes(name);
      assertTrue(byName.isPresent(), "found by name " + name);
      assertEquals(List.of(child.pid()), byName.get().pids());
      assertEquals(1, byName.get().processCount());
      // the same process read twice: a shell that has just said "ready" may still touch a few pages on its way into
      // read, so the two agree within TOLERANCE_BYTES (exact figures: the written /proc below)
      assertEquals(byPid.getAsLong(), byName.get().residentBytes(), TOLERANCE_BYTES);
    } finally {
      StandIns.stop(child);
    }
    assertFalse(child.isAlive());
    assertTrue(memory.residentBytes(child.pid()).isEmpty(), "a process that is gone reads as empty");
    assertTrue(memory.residentBytes(name).isEmpty(), "no process of that name is left");
  }

  @Test
  void sumsEveryProcessOfTheName() throws Exception {
    ProcessMemory memory = ProcessMemory.ofThisMachine();
    assumeTrue(memory.unavailableReason().isEmpty(), "needs Linux's /proc");
    String name = uniqueName();
    Path exe = StandIns.namedShell(dir, name);
    Process a = StandIns.start(exe);
    Process b = StandIns.start(exe);
    try {
      NamedProcessMemory both = memory.residentBytes(name).orElseThrow();
      assertEquals(List.of(Math.min(a.pid(), b.pid()), Math.max(a.pid(), b.pid())), both.pids());
      long sum = memory.residentBytes(a.pid()).getAsLong() + memory.residentBytes(b.pid()).getAsLong();
      assertEquals(sum, both.residentBytes(), 2 * TOLERANCE_BYTES);
    } finally {
      StandIns.stop(a);
      StandIns.stop(b);
    }
  }

  @Test
  void neverCountsThisJvm() {
    ProcessMemory memory = ProcessMemory.ofThisMachine();
    assumeTrue(memory.unavailableReason().isEmpty(), "needs Linux's /proc");
    long self = ProcessHandle.current().pid();
    assertFalse(memory.pidsNamed("java").contains(self));
    assertTrue(memory.residentBytes(self).isPresent(), "by PID it may still be read");
  }

  @Test
  void readsVmRssInKilobytesFromProc() throws IOException {
    Path proc = fakeProc();
    process(proc, 42, "vllm", "Name:\tvllm\nVmPeak:\t  900 kB\nVmRSS:\t    1234 kB\nThreads:\t8\n");
    process(proc, 43, "vllm", "Name:\tvllm\nVmRSS:\t      16 kB\n");
    process(proc, 44, "python3", "Name:\tpython3\nVmRSS:\t  999999 kB\n");
    process(proc, 45, "vllm", "Name:\tvllm\nState:\tZ (zombie)\n");
    ProcessMemory memory = new ProcessMemory(proc);
    assertEquals(Optional.empty(), memory.unavailableReason());
    assertEquals(OptionalLong.of(1234 * 1024L), memory.residentBytes(42));
    assertEquals(OptionalLong.empty(), memory.residentBytes(45), "a zombie has no memory of its own");
    assertEquals(OptionalLong.empty(), memory.residentBytes(46), "no such process");
    assertEquals(Optional.of(new NamedProcessMemory("vllm", List.of(42L, 43L), (1234 + 16) * 1024L)),
        memory.residentBytes("vllm"));
    assertEquals(Optional.empty(), memory.residentBytes("sglang"));
  }

  @Test
  void aLongNameMatchesOnTheFifteenCharactersTheKernelKeeps() throws IOException {
    Path proc = fakeProc();
    process(proc, 7, "VLLM::EngineCor", "VmRSS:\t2048 kB\n");
    ProcessMemory memory = new ProcessMemory(proc);
    assertEquals(2048 * 1024L, memory.residentBytes("VLLM::EngineCore").orElseThrow().residentBytes());
    assertTrue(ProcessMemory.commMatches("llama-server", "llama-server"));
    assertFalse(ProcessMemory.commMatches("llama-server", "llama"), "a prefix of a short name is another name");
    assertFalse(ProcessMemory.commMatches("", "x"));
  }

  @Test
  void withoutProcItSaysWhyOnceAndReadsNothing() {
    ProcessMemory memory = new ProcessMemory(dir.resolve("no-proc"));
    String reason = memory.unavailableReason().orElseThrow();
    assertTrue(reason.contains("is not recorded"), reason);
    assertEquals(OptionalLong.empty(), memory.residentBytes(1));
    assertEquals(Optional.empty(), memory.residentBytes("vllm"));
  }

  private Path fakeProc() throws IOException {
    Path proc = dir.resolve("proc");
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("sys"));
    return proc;
  }

  private static void process(Path proc, long pid, String comm, String status) throws IOException {
    Path p = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(p.resolve("comm"), comm + "\n");
    Files.writeString(p.resolve("status"), status);
  }
}
