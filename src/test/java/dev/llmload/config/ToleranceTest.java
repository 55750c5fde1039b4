package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToleranceTest {

  @Test
  void theSignNamesTheBadDirection() {
    Tolerance fall = Tolerance.parse("k", "outputTokensPerSecond", "-10%");
    assertFalse(fall.higherIsWorse());
    assertEquals(10, fall.percent(), 0);
    Tolerance rise = Tolerance.parse("k", "ttftMs.p95", "+15 %");
    assertTrue(rise.higherIsWorse());
    assertEquals(15, rise.percent(), 0);
    assertEquals("+15%", rise.text());
    assertEquals("-2.5%", Tolerance.parse("k", "m", "-2.5%").text());
    assertEquals("+0%", Tolerance.parse("k", "m", "+0%").text());
  }

  @Test
  void aToleranceWithoutSignOrPercentIsRefusedNamingTheKey() {
    for (String bad : new String[] {"10%", "-10", "abc", "+-5%", ""}) {
      ConfigException e = assertThrows(ConfigException.class, () -> Tolerance.parse("llm.baseline.tolerances.m", "m", bad), bad);
      assertTrue(e.getMessage().startsWith("llm.baseline.tolerances.m: invalid value"), e.getMessage());
      assertTrue(e.getMessage().contains("signed percentage"), e.getMessage());
    }
  }
}
