package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmload.config.CostSettings;
import org.junit.jupiter.api.Test;

/** {@link TokenCost}, by hand. */
class TokenCostTest {

  @Test
  void dollarsPerMillionTokens() {
    // 8 GPUs x $2.25 an hour = $18 an hour = $0.005 a second; at 2500 tok/s a million tokens take 400 s: $2.00
    LevelSummary.Cost cost = TokenCost.of(new CostSettings(2.25, 8.0), 2500, 10_000);
    assertEquals(2.0, cost.perMillionOutputTokensUsd(), 1e-12);
    assertEquals(0.5, cost.perMillionTotalTokensUsd(), 1e-12, "$0.005 / 10000 x 1e6");
  }

  @Test
  void oneGpuWhenUnsetAndFourDecimals() {
    // $1.8 an hour = $0.0005 a second; at 3000 tok/s: 0.0005 / 3000 x 1e6 = 0.1666... -> 0.1667
    assertEquals(0.1667, TokenCost.perMillionTokensUsd(new CostSettings(1.8, null), 3000), 1e-12);
  }

  @Test
  void nothingDeliveredOrNoPriceHasNoCost() {
    assertNull(TokenCost.perMillionTokensUsd(new CostSettings(1.8, 1.0), 0));
    assertNull(TokenCost.of(CostSettings.NONE, 100, 200));
    assertNull(TokenCost.of(new CostSettings(null, 8.0), 100, 200), "GPUs without a price");
  }
}
