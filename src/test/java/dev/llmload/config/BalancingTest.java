package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BalancingTest {

  @Test
  void parsesTheConfigNames() {
    assertEquals(Balancing.ROUND_ROBIN, Balancing.parse("llm.target.balancing", "round-robin"));
    assertEquals(Balancing.LEAST_OUTSTANDING, Balancing.parse("llm.target.balancing", "least-outstanding"));
    assertEquals("least-outstanding", Balancing.LEAST_OUTSTANDING.configName());
  }

  @Test
  void anUnknownRuleNamesTheValidOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> Balancing.parse("llm.target.balancing", "random"));
    assertEquals("llm.target.balancing: invalid value \"random\" (must be one of round-robin, least-outstanding)", e.getMessage());
  }
}
