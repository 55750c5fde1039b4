package dev.llmload.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.endtoend.InProcessGatling;
import dev.llmload.gatling.Launch;
import dev.llmload.report.Json;
import dev.llmload.simulations.ConstantRate;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast one injector on this machine can start requests on time: ConstantRate (Poisson arrivals) at rising rates
 * against the embedded server, short answers so the server is not the limit; prints per rate the achieved rate and
 * the send lag (send - scheduled) at p50, p99 and max, then the highest rate whose send lag p99 stayed under 1 ms.
 * Run: {@code mvn -o test -Dtest=SendLagBenchmarkTest -DexcludedGroups= -Dgroups=benchmark}.
 */
@Tag("benchmark")
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendLagBenchmarkTest {

  private static final double[] RATES = {25, 50, 100, 200, 400, 800};
  private static final double LAG_LIMIT_MS = 1.0;

  @TempDir
  Path dir;

  @Test
  void highestRateWithSendLagP99UnderOneMillisecond() throws Exception {
    double best = 0;
    System.out.println("rate/s   achieved/s   lag p50 ms   lag p99 ms   lag max ms");
    for (double rate : RATES) {
      int status = InProcessGatling.run(ConstantRate.class, dir.resolve("gatling"), Map.of(
          "llm.report.dir", dir.resolve("reports").toString(),
          "llm.workload.rate", Double.toString(rate),
          "llm.workload.duration", "10s",
          "llm.workload.warmup", "3s",
          "llm.request.maxTokens", "2",
          "llm.server.maxNumSeqs", "1024",
          "llm.server.kvCacheTokens", "10000000",
          "llm.server.groundTruthCapacity", "1000"));
      assertEquals(0, status);
      JsonNode open = Json.MAPPER.readTree(Launch.current().reportPath().resolve("summary.json").toFile()).get("levels").get(0)
          .get("openLoop");
      JsonNode lag = open.get("sendLagMs");
      System.out.printf(Locale.ROOT, "%6.0f   %10.2f   %10.3f   %10.3f   %10.3f%n", rate, open.get("achievedRate").asDouble(),
          lag.get("p50").asDouble(), lag.get("p99").asDouble(), lag.get("max").asDouble());
      if (lag.get("p99").asDouble() < LAG_LIMIT_MS) {
        best = rate;
      }
    }
    System.out.printf(Locale.ROOT, "highest rate with send lag p99 under %.0f ms: %s%n", LAG_LIMIT_MS,
        best == 0 ? "none of the rates tried" : String.format(Locale.ROOT, "%.0f requests/s", best));
  }
}
