package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointSplitTest {

  /** An endpoint whose level 0 had {@code n} measured requests (all successful). */
  private static EndpointSummary endpoint(String url, long n) {
    LevelSummary l = new LevelSummary(0, "c=8", "concurrency", 8.0, null, 10, new LevelSummary.RequestCounts(n, 0, 0, n), 0, 8, 0, null,
        null, null, null, null, null, 0, 0, 0, 0, null, null, null, List.of(), null);
    return new EndpointSummary(url, List.of(l));
  }

  @Test
  void sharesAreEachEndpointsPartOfTheLevelsRequests() {
    List<EndpointSplit.Share> shares = EndpointSplit.shares(List.of(endpoint("http://a", 30), endpoint("http://b", 10)), 0);
    assertEquals(List.of(new EndpointSplit.Share("http://a", 30, 0.75), new EndpointSplit.Share("http://b", 10, 0.25)), shares);
    assertEquals(0.0, EndpointSplit.shares(List.of(endpoint("http://a", 0), endpoint("http://b", 0)), 0).get(0).share(), "no requests");
    assertEquals(0, EndpointSplit.shares(List.of(endpoint("http://a", 5)), 7).get(0).requests(), "a level the endpoint does not list");
  }

  @Test
  void anUnevenSplitIsSaidWithEveryEndpointsShare() {
    assertEquals(Optional.of("c=8: requests split unevenly over the endpoints: http://a 70 (63 %), http://b 41 (37 %); even would be "
        + "50 % each"), EndpointSplit.uneven(List.of(endpoint("http://a", 70), endpoint("http://b", 41)), 0, "c=8"));
  }

  @Test
  void roundRobinsOffByOneIsEven() {
    assertEquals(Optional.empty(), EndpointSplit.uneven(List.of(endpoint("http://a", 51), endpoint("http://b", 50)), 0, "c=8"));
    assertEquals(Optional.empty(), EndpointSplit.uneven(List.of(endpoint("http://a", 2), endpoint("http://b", 1)), 0, "c=8"),
        "one request apart is never uneven");
  }

  @Test
  void theThresholdIsTenPercentOfTheLevelAndTwoRequests() {
    // 100 requests: a difference of 10 is even, 11 is not
    assertEquals(Optional.empty(), EndpointSplit.uneven(List.of(endpoint("http://a", 55), endpoint("http://b", 45)), 0, "c=8"));
    assertEquals(true, EndpointSplit.uneven(List.of(endpoint("http://a", 56), endpoint("http://b", 45)), 0, "c=8").isPresent());
    // 3 requests: 3 vs 0 is uneven (a difference of 3 > 0.3 and >= 2); 2 vs 1 is not
    assertEquals(true, EndpointSplit.uneven(List.of(endpoint("http://a", 3), endpoint("http://b", 0)), 0, "c=8").isPresent());
  }

  @Test
  void oneEndpointIsNeverUneven() {
    assertEquals(Optional.empty(), EndpointSplit.uneven(List.of(endpoint("http://a", 70)), 0, "c=8"));
  }
}
