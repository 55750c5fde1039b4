package dev.llmload.telemetry.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NvidiaSmi} with stand-in scripts written into a temporary directory: the reusable two-GPU one from the test
 * resources, one printing garbage, one that hangs, one that fails with a message; and its CSV reading on fixed text.
 */
@Timeout(30)
class NvidiaSmiTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final GpuSample FIRST = new GpuSample(0, "NVIDIA A100-SXM4-80GB", 72989, 81920, 87.0, 312.54);
  private static final GpuSample SECOND = new GpuSample(1, "NVIDIA A100-SXM4-80GB", 1024, 81920, null, null);

  @TempDir Path dir;

  @Test
  void readsBothGpusOfTheStandIn() throws Exception {
    NvidiaSmi smi = new NvidiaSmi(StandIns.nvidiaSmi(dir).toString(), TIMEOUT);
    assertTrue(smi.available());
    assertEquals(Optional.empty(), smi.unavailableReason());
    assertEquals(List.of(FIRST, SECOND), smi.query());
  }

  @Test
  void findsTheCommandOnThePath() throws Exception {
    StandIns.nvidiaSmi(dir);
    String path = dir.resolve("empty") + java.io.File.pathSeparator + dir;
    assertEquals(Optional.of(dir.resolve("nvidia-smi")), NvidiaSmi.locate("nvidia-smi", path));
    NvidiaSmi smi = new NvidiaSmi("nvidia-smi", TIMEOUT, path);
    assertEquals(List.of(FIRST, SECOND), smi.query());
  }

  @Test
  void aCommandThatIsNotThereIsUnavailableWithOneSentence() throws Exception {
    NvidiaSmi onPath = new NvidiaSmi("nvidia-smi", TIMEOUT, dir.toString());
    assertFalse(onPath.available());
    assertEquals("nvidia-smi is not on the PATH: GPU memory and utilisation are not recorded; install the NVIDIA"
        + " driver's nvidia-smi or set the command's full path", onPath.unavailableReason().orElseThrow());
    ResourceException e = assertThrows(ResourceException.class, onPath::query);
    assertEquals(onPath.unavailableReason().get(), e.getMessage());
    NvidiaSmi byPath = new NvidiaSmi(dir.resolve("nope").toString(), TIMEOUT, null);
    assertTrue(byPath.unavailableReason().orElseThrow().startsWith(dir.resolve("nope") + " is not an executable file"));
  }

  @Test
  void garbageIsNamedInTheFailure() throws Exception {
    Path garbage = StandIns.script(dir, "garbage", "echo 'NVIDIA-SMI has failed because it could not communicate'");
    ResourceException e = assertThrows(ResourceException.class, () -> new NvidiaSmi(garbage.toString(), TIMEOUT).query());
    assertTrue(e.getMessage().startsWith("nvidia-smi printed a line that is not a GPU (line 1, \"NVIDIA-SMI has failed"),
        e.getMessage());
  }

  @Test
  void aCommandThatHangsIsKilledAtTheTimeoutWithItsChildren() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Path hang = StandIns.script(dir, "hang", "sleep 30 &\necho $! > '" + pidFile + "'\nwait");
    long start = System.nanoTime();
    ResourceException e = assertThrows(ResourceException.class,
        () -> new NvidiaSmi(hang.toString(), Duration.ofMillis(500)).query());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(e.getMessage().contains("did not answer within 500 ms and was stopped"), e.getMessage());
    assertTrue(seconds < 5, "stopped at the timeout, not after the sleep: " + seconds + " s");
    Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    try {
      // the kill is sent at once; its exit is seen a moment later
      child.ifPresent(c -> assertTrue(c.onExit().completeOnTimeout(c, 5, TimeUnit.SECONDS).join() != null && !c.isAlive(),
          "its sleep was killed too"));
    } finally {
      child.ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aNonZeroExitCarriesItsMessage() throws Exception {
    Path failing = StandIns.script(dir, "failing",
        "echo 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver.' >&2\nexit 9");
    ResourceException e = assertThrows(ResourceException.class, () -> new NvidiaSmi(failing.toString(), TIMEOUT).query());
    assertEquals(failing + " exited with status 9 saying \"NVIDIA-SMI has failed because it couldn't communicate with"
        + " the NVIDIA driver.\": check that the NVIDIA driver is loaded", e.getMessage());
  }

  @Test
  void parsesTheCsvWithFieldsTheGpuDoesNotReport() throws ResourceException {
    assertEquals(List.of(new GpuSample(3, "Tesla T4", 0.0, 15360.0, 0.0, 9.87),
            new GpuSample(4, "NVIDIA GeForce RTX 4090", 2300.5, 24564, null, null)),
        NvidiaSmi.parse("3, Tesla T4, 0, 15360, 0, 9.87\n\n4, NVIDIA GeForce RTX 4090, 2300.5, 24564, [N/A], N/A\n"));
  }

  @Test
  void refusesOutputThatIsNotGpus() {
    assertEquals("nvidia-smi listed no GPU: check that the NVIDIA driver sees one",
        assertThrows(ResourceException.class, () -> NvidiaSmi.parse("\n")).getMessage());
    assertTrue(assertThrows(ResourceException.class, () -> NvidiaSmi.parse("0, A100, 1, 2"))
        .getMessage().contains("it has 4 fields, not 6"));
    assertTrue(assertThrows(ResourceException.class, () -> NvidiaSmi.parse("x, A100, 1, 2, 3, 4"))
        .getMessage().contains("line 1, \"x, A100, 1, 2, 3, 4\""));
    assertTrue(assertThrows(ResourceException.class, () -> NvidiaSmi.parse("0, A100, [N/A], 2, 3, 4"))
        .getMessage().contains("memory.used and memory.total must be numbers"));
  }

  @Test
  void refusesABlankCommandOrNoTimeout() {
    assertEquals("command must not be blank, was \" \"",
        assertThrows(IllegalArgumentException.class, () -> new NvidiaSmi(" ", TIMEOUT)).getMessage());
    assertEquals("timeout must be above 0, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> new NvidiaSmi("nvidia-smi", Duration.ZERO)).getMessage());
  }
}
