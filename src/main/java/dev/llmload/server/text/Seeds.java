package dev.llmload.server.text;

/** Deterministic 64-bit mixing for per-request seeds (SplitMix64's finaliser over FNV-1a), so runs repeat. */
public final class Seeds {

  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static long mix(long a, long b) {
    return mix(a * 0x9E3779B97F4A7C15L + b);
  }

  /** A hash of the characters of {@code text}. */
  public static long of(CharSequence text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A number in [0, 1) from a seed. */
  public static double unit(long seed) {
    return (mix(seed) >>> 11) * 0x1.0p-53;
  }
}
