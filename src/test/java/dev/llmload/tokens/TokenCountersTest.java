package dev.llmload.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.llmload.config.TlsSettings;
import dev.llmload.config.TokenizerChoice;
import dev.llmload.openai.TargetException;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The choice of counter: the server's tokenizer when there is one, else the estimate, said once on the console. */
class TokenCountersTest {

  private final List<String> console = new ArrayList<>();

  @Test
  void usesTheSimulatorsTokenizer() {
    try (SimulatedServer sim = SimulatedServer.start(TestServers.quick())) {
      TokenCounter c = TokenCounters.choose(TokenizerChoice.AUTO, URI.create(sim.baseUrl()), sim.settings().models().get(0), Optional.empty(),
          TlsSettings.defaults(), console::add);
      assertInstanceOf(ServerTokenizer.class, c);
      assertEquals(1, console.size(), console.toString());
      assertTrue(console.get(0).startsWith("token counts: the server's tokenizer"), console.toString());
    }
  }

  @Test
  void fallsBackToTheEstimateWhenTokenizeIsMissing() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
      TokenCounter c = TokenCounters.choose(TokenizerChoice.AUTO, base, "m", Optional.empty(), TlsSettings.defaults(), console::add);
      assertInstanceOf(EstimatedTokenCounter.class, c);
      assertEquals(1, console.size(), console.toString());
      assertTrue(console.get(0).contains("jtokkit") && console.get(0).contains("HTTP 404"), console.toString());
      TargetException e = assertThrows(TargetException.class,
          () -> TokenCounters.choose(TokenizerChoice.SERVER, base, "m", Optional.empty(), TlsSettings.defaults(), console::add));
      assertTrue(e.getMessage().startsWith("llm.request.tokenizer = server") && e.getMessage().contains("HTTP 404"), e.getMessage());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void fallsBackToTheEstimateWhenTheServerRefusesTheConnection() {
    TokenCounter c = TokenCounters.choose(TokenizerChoice.AUTO, URI.create("http://127.0.0.1:1/v1"), "m", Optional.empty(),
        TlsSettings.defaults(), console::add);
    assertInstanceOf(EstimatedTokenCounter.class, c);
    assertTrue(console.get(0).contains("connection refused"), console.toString());
  }

  @Test
  void theEstimateAskedForAsksNobody() {
    TokenCounter c = TokenCounters.choose(TokenizerChoice.ESTIMATE, URI.create("http://127.0.0.1:1/v1"), "m", Optional.empty(),
        TlsSettings.defaults(), console::add);
    assertInstanceOf(EstimatedTokenCounter.class, c);
    assertTrue(console.get(0).contains("llm.request.tokenizer = estimate"), console.toString());
  }
}
