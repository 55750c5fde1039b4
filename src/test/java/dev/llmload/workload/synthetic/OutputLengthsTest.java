package dev.llmload.workload.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Api;
import dev.llmload.config.TokenLength;
import dev.llmload.workload.LoadLevel;
import dev.llmload.workload.Preparation;
import dev.llmload.workload.RequestSource;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Drawn output lengths on any source: seeded, within the distribution, preparation forwarded. */
class OutputLengthsTest {

  private static final LoadLevel LEVEL = LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1));

  private static List<Integer> maxTokens(RequestSource s, int n) {
    return IntStream.range(0, n).mapToObj(i -> s.next(LEVEL).maxTokens()).toList();
  }

  @Test
  void eachRequestGetsItsOwnSeededMaxTokens() {
    TokenLength output = TokenLength.parse("k", "uniform(16, 64)");
    List<Integer> a = maxTokens(new OutputLengths(RequestSource.fixed("Hi"), output, 42), 1000);
    assertEquals(a, maxTokens(new OutputLengths(RequestSource.fixed("Hi"), output, 42), 1000), "the same seed, the same lengths");
    assertTrue(a.stream().allMatch(m -> m >= 16 && m <= 64));
    assertEquals(40, a.stream().mapToInt(Integer::intValue).average().orElseThrow(), 1.5);
  }

  @Test
  void preparationReachesTheWrappedSource() {
    boolean[] prepared = {false};
    RequestSource inner = new RequestSource() {
      @Override
      public void prepare(Preparation preparation) {
        prepared[0] = true;
      }

      @Override
      public PlannedRequest next(LoadLevel level) {
        return new PlannedRequest("Hi", java.util.Map.of()).withInputTokens(12);
      }
    };
    OutputLengths outputs = new OutputLengths(inner, new TokenLength.Fixed(7), 1);
    outputs.prepare(Preparation.with(Api.CHAT, "m", new SimulatorCounter()));
    assertTrue(prepared[0]);
    RequestSource.PlannedRequest r = outputs.next(LEVEL);
    assertEquals(7, r.maxTokens());
    assertEquals(12, r.inputTokens(), "the input length stays");
  }
}
