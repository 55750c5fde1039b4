package dev.llmload.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The exit statuses: distinct, the documented numbers, and the one the older code names still means. */
class ExitStatusTest {

  @Test
  void theDocumentedNumbersEachOnce() {
    assertEquals(0, ExitStatus.SUCCESS.code());
    assertEquals(2, ExitStatus.GATLING_ASSERTIONS_FAILED.code());
    assertEquals(3, ExitStatus.CONFIGURATION_ERROR.code());
    assertEquals(4, ExitStatus.TARGET_UNREACHABLE.code());
    assertEquals(5, ExitStatus.CHECKS_FAILED.code());
    assertEquals(ExitStatus.values().length, Arrays.stream(ExitStatus.values()).mapToInt(ExitStatus::code).distinct().count());
    assertEquals(ExitStatus.CONFIGURATION_ERROR.code(), Launch.USAGE_ERROR);
  }

  @Test
  void describedForMessages() {
    assertEquals("5 (a gate or baseline check failed)", ExitStatus.describe(5));
    assertEquals("137", ExitStatus.describe(137));
    assertNull(ExitStatus.of(137));
  }

  @Test
  void aTestCallingGatlingIsNotUnderGatlingsMain() {
    assertFalse(ExitAfterReports.gatlingMainExits());
  }
}
