package dev.llmload.telemetry.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResourceSampler} with every source standing in: a child process, the stand-in {@code nvidia-smi}, the
 * stand-in DCGM exporter. Snapshots are taken from a queue (waits bounded by {@link #WAIT_SECONDS}), never by sleeping.
 */
@Timeout(60)
class ResourceSamplerTest {

  private static final long WAIT_SECONDS = 10;
  private static final Duration FAST = Duration.ofMillis(50);

  @TempDir Path dir;

  private final BlockingQueue<ResourceSnapshot> snapshots = new LinkedBlockingQueue<>();
  private final List<String> notices = new CopyOnWriteArrayList<>();

  private ResourceSnapshot next() throws InterruptedException {
    ResourceSnapshot s = snapshots.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(s, "a snapshot within " + WAIT_SECONDS + " s");
    return s;
  }

  private static ResourceSources sources(Long pid, String name, String smi, URI dcgm, Duration interval) {
    return new ResourceSources(Optional.ofNullable(pid), Optional.ofNullable(name), Optional.ofNullable(smi),
        Optional.ofNullable(dcgm), interval);
  }

  private static String uniqueName() {
    return "samptest" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
  }

  @Test
  void everySourceInEachSnapshotOnTheGivenClock() throws Exception {
    assumeTrue(ProcessMemory.ofThisMachine().unavailableReason().isEmpty(), "needs Linux's /proc");
    Process child = StandIns.start(StandIns.namedShell(dir, uniqueName()));
    AtomicLong clock = new AtomicLong();
    try (StandIns.Exporter exporter = new StandIns.Exporter();
        ResourceSampler sampler = new ResourceSampler(
            sources(child.pid(), null, StandIns.nvidiaSmi(dir).toString(), exporter.metrics(), FAST),
            snapshots::add, notices::add, () -> clock.addAndGet(1_000))) {
      sampler.start();
      List<ResourceSnapshot> taken = List.of(next(), next(), next());
      for (int i = 0; i < taken.size(); i++) {
        ResourceSnapshot s = taken.get(i);
        assertEquals((i + 1) * 1_000L, s.atNanos());
        assertTrue(s.serverRssBytes() != null && s.serverRssBytes() > 0, "the child's memory: " + s.serverRssBytes());
        assertEquals(2, s.gpus().size());
        assertEquals(Double.valueOf(72989 + 1024), s.gpuMemoryUsedMiB(), "nvidia-smi's GPUs, not the exporter's");
      }
      // the stand-in raises each of 2 GPUs' counters 5 J a scrape
      assertEquals(10.0, taken.get(1).energyJoules() - taken.get(0).energyJoules(), 1e-6);
      assertEquals(10.0, taken.get(2).energyJoules() - taken.get(1).energyJoules(), 1e-6);
      assertEquals(List.of(), notices);
    } finally {
      StandIns.stop(child);
    }
  }

  @Test
  void eachFailingSourceSaysSoOnceAndTheOthersGoOn() throws Exception {
    Process gone = StandIns.start(StandIns.namedShell(dir, uniqueName()));
    StandIns.stop(gone);
    Path failing = StandIns.script(dir, "failing", "echo 'No devices were found' >&2\nexit 6");
    try (StandIns.Exporter exporter = new StandIns.Exporter();
        ResourceSampler sampler = new ResourceSampler(
            sources(gone.pid(), null, failing.toString(), exporter.metrics(), FAST), snapshots::add, notices::add)) {
      sampler.start();
      for (int i = 0; i < 4; i++) {
        ResourceSnapshot s = next();
        assertNull(s.serverRssBytes());
        assertEquals(List.of(0, 1), s.gpus().stream().map(GpuSample::index).toList(), "the exporter's GPUs instead");
        assertNotNull(s.energyJoules());
      }
    }
    assertEquals(List.of("no process " + gone.pid() + " is running: the server's resident memory is not recorded;"
            + " check its PID",
        failing + " exited with status 6 saying \"No devices were found\": check that the NVIDIA driver is loaded"),
        notices);
  }

  @Test
  void aRefusedExporterLeavesTheEnergyEmptyAndTheGpusFromNvidiaSmi() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + StandIns.refusedPort() + "/metrics");
    try (ResourceSampler sampler = new ResourceSampler(
        sources(null, null, StandIns.nvidiaSmi(dir).toString(), closed, FAST), snapshots::add, notices::add)) {
      sampler.start();
      for (int i = 0; i < 3; i++) {
        ResourceSnapshot s = next();
        assertNull(s.serverRssBytes(), "no process configured");
        assertEquals(2, s.gpus().size());
        assertNull(s.energyJoules());
      }
    }
    assertEquals(List.of("the DCGM exporter at " + closed + " refused the connection: start dcgm-exporter there or"
        + " correct its address"), notices);
  }

  @Test
  void aProcessThatGoesAwayIsSaidOnce() throws Exception {
    assumeTrue(ProcessMemory.ofThisMachine().unavailableReason().isEmpty(), "needs Linux's /proc");
    Process child = StandIns.start(StandIns.namedShell(dir, uniqueName()));
    try (ResourceSampler sampler = new ResourceSampler(
        sources(child.pid(), null, null, null, FAST), snapshots::add, notices::add)) {
      assertNotNull(sampler.sample().serverRssBytes());
      StandIns.stop(child);
      assertNull(sampler.sample().serverRssBytes());
      assertNull(sampler.sample().serverRssBytes());
    } finally {
      StandIns.stop(child);
    }
    assertEquals(List.of("the server process " + child.pid() + " is gone: its resident memory is no longer recorded"),
        notices);
    assertTrue(snapshots.isEmpty(), "sample() answers its snapshot and does not hand it on");
  }

  @Test
  void severalProcessesOfOneNameAreSummedAndCounted() throws Exception {
    assumeTrue(ProcessMemory.ofThisMachine().unavailableReason().isEmpty(), "needs Linux's /proc");
    String name = uniqueName();
    Path exe = StandIns.namedShell(dir, name);
    Process a = StandIns.start(exe);
    Process b = StandIns.start(exe);
    try (ResourceSampler sampler = new ResourceSampler(
        sources(null, name, null, null, FAST), snapshots::add, notices::add)) {
      long one = ProcessMemory.ofThisMachine().residentBytes(a.pid()).getAsLong();
      long sum = sampler.sample().serverRssBytes();
      assertTrue(sum > one, "two processes' memory (" + sum + ") is more than one's (" + one + ")");
      sampler.sample();
    } finally {
      StandIns.stop(a);
      StandIns.stop(b);
    }
    assertEquals(List.of("2 processes are named " + name + " (PIDs " + Math.min(a.pid(), b.pid()) + ", "
        + Math.max(a.pid(), b.pid()) + "): the server's resident memory is their sum"), notices);
  }

  @Test
  void autoWithoutNvidiaSmiOnThePathSaysSoOnce() throws Exception {
    assumeFalse(NvidiaSmi.onPath().available(), "this machine has nvidia-smi");
    try (ResourceSampler sampler = new ResourceSampler(ResourceSources.defaults(), snapshots::add, notices::add)) {
      assertEquals(List.of(), sampler.sample().gpus());
      assertEquals(List.of(), sampler.sample().gpus());
    }
    assertEquals(List.of(NvidiaSmi.onPath().unavailableReason().get()), notices);
  }

  @Test
  void closeStopsPromptlyWhileNvidiaSmiHangsAndKillsIt() throws Exception {
    Path fifo = dir.resolve("started");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
    // tells the test its PID through the fifo (opening it waits for the reader), then hangs as that PID
    Path hang = StandIns.script(dir, "hang", "echo $$ > '" + fifo + "'\nexec sleep 30");
    ResourceSampler sampler = new ResourceSampler(sources(null, null, hang.toString(), null, FAST), snapshots::add,
        notices::add);
    sampler.start();
    long pid = Long.parseLong(Files.readString(fifo).strip());
    long start = System.nanoTime();
    sampler.close();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 1.5, "close() returned after " + seconds + " s");
    Optional<ProcessHandle> smi = ProcessHandle.of(pid);
    try {
      smi.ifPresent(p -> p.onExit().completeOnTimeout(p, WAIT_SECONDS, TimeUnit.SECONDS).join());
      assertTrue(smi.map(p -> !p.isAlive()).orElse(true), "the hanging nvidia-smi was killed");
    } finally {
      smi.ifPresent(ProcessHandle::destroyForcibly);
    }
    assertTrue(snapshots.isEmpty(), "the interrupted snapshot is not handed on");
    assertEquals(List.of(), notices, "stopping is not a failure");
  }

  @Test
  void aConsumerThatThrowsIsSaidOnceAndSamplingGoesOn() throws Exception {
    AtomicBoolean thrown = new AtomicBoolean();
    List<ResourceSnapshot> after = new ArrayList<>();
    try (ResourceSampler sampler = new ResourceSampler(sources(null, null, StandIns.nvidiaSmi(dir).toString(), null,
        FAST), s -> {
          if (thrown.compareAndSet(false, true)) {
            throw new IllegalStateException("full");
          }
          snapshots.add(s);
        }, notices::add)) {
      sampler.start();
      after.add(next());
      after.add(next());
    }
    assertEquals(2, after.size());
    assertEquals(List.of("a resource snapshot could not be handled (java.lang.IllegalStateException: full): later"
        + " snapshots go on"), notices);
  }

  @Test
  void startsOnceAndNotAfterClose() {
    ResourceSampler sampler = new ResourceSampler(sources(null, null, null, null, FAST), snapshots::add, notices::add);
    sampler.start();
    assertEquals("the resource sampler is started already",
        assertThrows(IllegalStateException.class, sampler::start).getMessage());
    sampler.close();
    assertEquals("the resource sampler is closed; make a new one",
        assertThrows(IllegalStateException.class, sampler::start).getMessage());
  }
}
