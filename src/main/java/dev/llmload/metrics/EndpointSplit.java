package dev.llmload.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How evenly one level's measured requests were spread over the endpoints (replicas). A split is uneven when the
 * endpoint with the most requests has at least {@value #MIN_DIFFERENCE} more than the one with the fewest, and more
 * than {@link #UNEVEN_SHARE} of the level's requests more: round-robin never trips it (its counts differ by one, a
 * few at the edges of a level), least-outstanding does when one replica finishes requests sooner than the others,
 * and either does when a replica fails fast.
 */
public final class EndpointSplit {

  /** The busiest and the least busy endpoint differ by more than this share of the level's requests: uneven. */
  public static final double UNEVEN_SHARE = 0.10;
  /** ... and by at least this many requests (a level of three requests over two replicas is not uneven). */
  public static final long MIN_DIFFERENCE = 2;

  private EndpointSplit() {}

  /** One endpoint's measured requests at one level, and its share of the level's. */
  public record Share(String endpoint, long requests, double share) {}

  /** Each endpoint's measured requests at the level with {@code levelIndex}, in the order of {@code endpoints}. */
  public static List<Share> shares(List<EndpointSummary> endpoints, int levelIndex) {
    List<Long> counts = new ArrayList<>();
    long total = 0;
    for (EndpointSummary e : endpoints) {
      long n = level(e, levelIndex).map(l -> l.requests().total()).orElse(0L);
      counts.add(n);
      total += n;
    }
    List<Share> out = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      out.add(new Share(endpoints.get(i).endpoint(), counts.get(i), total == 0 ? 0 : (double) counts.get(i) / total));
    }
    return out;
  }

  /**
   * A sentence when the level's requests were split unevenly ("c=8: requests split unevenly over the endpoints:
   * http://a 70 (63 %), http://b 41 (37 %); even would be 50 % each"); empty when even, or with fewer than two
   * endpoints.
   */
  public static Optional<String> uneven(List<EndpointSummary> endpoints, int levelIndex, String levelLabel) {
    if (endpoints.size() < 2) {
      return Optional.empty();
    }
    List<Share> shares = shares(endpoints, levelIndex);
    long max = shares.stream().mapToLong(Share::requests).max().orElse(0);
    long min = shares.stream().mapToLong(Share::requests).min().orElse(0);
    long total = shares.stream().mapToLong(Share::requests).sum();
    if (max - min < MIN_DIFFERENCE || max - min <= UNEVEN_SHARE * total) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder(levelLabel).append(": requests split unevenly over the endpoints: ");
    for (int i = 0; i < shares.size(); i++) {
      Share s = shares.get(i);
      b.append(i == 0 ? "" : ", ").append(s.endpoint()).append(' ').append(s.requests())
          .append(String.format(Locale.ROOT, " (%.0f %%)", s.share() * 100));
    }
    return Optional.of(b.append(String.format(Locale.ROOT, "; even would be %.0f %% each", 100.0 / shares.size())).toString());
  }

  private static Optional<LevelSummary> level(EndpointSummary e, int levelIndex) {
    return e.levels().stream().filter(l -> l.index() == levelIndex).findFirst();
  }
}
