package dev.llmload.server.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds in seconds; lock-free to observe. */
final class PromHistogram {

  private final String name;
  private final String help;
  private final double[] bounds;
  private final LongAdder[] counts;
  private final DoubleAdder sum = new DoubleAdder();
  private final LongAdder count = new LongAdder();

  PromHistogram(String name, String help, double... bounds) {
    for (int i = 1; i < bounds.length; i++) {
      if (bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("bounds must increase, were " + java.util.Arrays.toString(bounds));
      }
    }
    this.name = name;
    this.help = help;
    this.bounds = bounds.clone();
    this.counts = new LongAdder[bounds.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void observeNanos(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        counts[i].increment();
        break;
      }
    }
    sum.add(seconds);
    count.increment();
  }

  void render(StringBuilder out, String labels) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += counts[i].sum();
      out.append(name).append("_bucket{").append(labels).append(",le=\"").append(format(bounds[i])).append("\"} ")
          .append(cumulative).append('\n');
    }
    long total = count.sum();
    out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total).append('\n');
    out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
