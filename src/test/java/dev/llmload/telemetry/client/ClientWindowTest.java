package dev.llmload.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClientWindowTest {

  @Test
  void impossibleValuesAreRefusedWithTheRule() {
    IllegalArgumentException cores = assertThrows(IllegalArgumentException.class,
        () -> new ClientWindow(0.5, null, 0, null, null, null, 0, 0, 0, null, 1000));
    assertEquals("availableCores must be at least 1, was 0", cores.getMessage());
    IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
        () -> new ClientWindow(Double.NaN, null, 2, null, null, null, 0, 0, 0, null, 1000));
    assertEquals("cpuCoresUsed must be at least 0, was NaN", cpu.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ClientWindow(0.5, null, 2, null, null, null, -1, 0, 0, null, 1000));
    IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
        () -> new ClientWindow(0.5, null, 2, null, null, null, 0, 0, 0, null, 0));
    assertEquals("windowMs must be more than 0, was 0.0", window.getMessage());
  }

  @Test
  void aSampleMustEndAfterItStarts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClientSample(5, 5, 0, null, 2, 0, null, null, null, 0, 0));
    assertEquals("a sample must end after it starts, was 5 to 5", e.getMessage());
    assertEquals(10, new ClientSample(5, 15, 0, null, 2, 0, null, null, null, 0, 0).wallNanos());
  }
}
