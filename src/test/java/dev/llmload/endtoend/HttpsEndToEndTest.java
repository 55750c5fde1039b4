package dev.llmload.endtoend;

import dev.llmload.simulations.ConcurrencySweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.TestCertificates;
import dev.llmload.gatling.Launch;
import dev.llmload.report.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https target with a self-signed certificate: the embedded server serves TLS with a key store made by
 * keytool, the preflight trusts it through {@code llm.target.trustStore}, and the load goes through.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpsEndToEndTest {

  @TempDir
  Path dir;

  @Test
  void selfSignedHttpsTargetWithATrustStore() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    int status = InProcessGatling.run(ConcurrencySweep.class, dir.resolve("gatling"), Map.of(
        "llm.report.dir", dir.resolve("reports").toString(),
        "llm.server.tls.keyStore", certs.keyStore().toString(),
        "llm.server.tls.keyStorePassword", TestCertificates.PASSWORD,
        "llm.target.trustStore", certs.trustStore().toString(),
        "llm.target.trustStorePassword", TestCertificates.PASSWORD,
        "llm.sweep.levels", "[2]",
        "llm.sweep.levelDuration", "2s",
        "llm.sweep.warmup", "0s",
        "llm.request.maxTokens", "16"));
    assertEquals(0, status);
    JsonNode summary = Json.MAPPER.readTree(Launch.current().reportPath().resolve("summary.json").toFile());
    assertTrue(summary.path("target").path("baseUrl").asText().startsWith("https://127.0.0.1:"), summary.path("target").toString());
    JsonNode requests = summary.get("levels").get(0).get("requests");
    assertTrue(requests.get("successful").asLong() > 5, requests.toString());
    assertEquals(requests.get("successful").asLong(), requests.get("total").asLong(), requests.toString());
  }
}
