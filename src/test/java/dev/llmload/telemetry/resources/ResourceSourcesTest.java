package dev.llmload.telemetry.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings records of this package refuse what cannot be sampled, with messages that say the rule and the value. */
class ResourceSourcesTest {

  private static String refused(Runnable make) {
    return assertThrows(IllegalArgumentException.class, make::run).getMessage();
  }

  private static ResourceSources sources(Optional<Long> pid, Optional<String> name, Duration interval) {
    return new ResourceSources(pid, name, Optional.empty(), Optional.empty(), interval);
  }

  @Test
  void defaultsAreNvidiaSmiWhenPresentEverySecond() {
    ResourceSources d = ResourceSources.defaults();
    assertEquals(Optional.of("auto"), d.nvidiaSmiCommand());
    assertEquals(Duration.ofSeconds(1), d.interval());
    assertTrue(d.any());
    assertFalse(d.watchesProcess());
    assertFalse(sources(Optional.empty(), Optional.empty(), Duration.ofSeconds(1)).any());
    assertTrue(new ResourceSources(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(URI.create("http://127.0.0.1:9400/metrics")), Duration.ofSeconds(1)).any());
  }

  @Test
  void refusesWhatCannotBeSampled() {
    Duration s = Duration.ofSeconds(1);
    assertEquals("pid must be at least 1, was 0", refused(() -> sources(Optional.of(0L), Optional.empty(), s)));
    assertEquals("processName must not be blank, was \" \"", refused(() -> sources(Optional.empty(), Optional.of(" "), s)));
    assertEquals("the server process is given by pid or by processName, not both, was pid 7 and processName \"vllm\"",
        refused(() -> sources(Optional.of(7L), Optional.of("vllm"), s)));
    assertEquals("interval must be above 0, was PT0S", refused(() -> sources(Optional.empty(), Optional.empty(),
        Duration.ZERO)));
    assertEquals("nvidiaSmiCommand must not be blank (leave it empty for none), was \"\"", refused(() ->
        new ResourceSources(Optional.empty(), Optional.empty(), Optional.of(""), Optional.empty(), s)));
  }

  @Test
  void refusesImpossibleReadings() {
    assertEquals("index must be at least 0, was -1", refused(() -> new GpuSample(-1, "", 0, 0, null, null)));
    assertEquals("memoryUsedMiB must be at least 0, was NaN", refused(() -> new GpuSample(0, "", Double.NaN, 0, null,
        null)));
    assertEquals("utilizationPercent must be at least 0 or null, was -1.0", refused(() -> new GpuSample(0, "", 0, 0,
        -1.0, null)));
    assertEquals("serverRssBytes must be at least 0 or null, was -1", refused(() -> new ResourceSnapshot(0, -1L,
        List.of(), null)));
    assertEquals("pids must hold at least 1 process, was empty", refused(() -> new NamedProcessMemory("x", List.of(),
        0)));
  }
}
