package dev.llmload.compare;

import java.util.Locale;

/** How the comparison writes numbers for people: the page's table and the verdicts' sentences. */
final class Numbers {

  private Numbers() {}

  /** Whole numbers as they are, below 10 two decimals, else one: 2860.1, 12.35, 64. */
  static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
  }

  /** Dollars: two decimals, or three significant digits below one cent ($0.00412). */
  static String usd(double v) {
    return Math.abs(v) >= 0.01 || v == 0 ? String.format(Locale.ROOT, "$%.2f", v) : "$" + new java.math.BigDecimal(v)
        .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f %%", v);
  }

  static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }
}
