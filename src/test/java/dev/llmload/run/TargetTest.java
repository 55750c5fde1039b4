package dev.llmload.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.openai.ModelCatalog;
import dev.llmload.openai.ServerProbe;
import dev.llmload.openai.TargetException;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The preflight of {@link Target}: every replica is reached, serves the model and takes the probe; one that does not is named. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TargetTest {

  @TempDir
  Path userFiles;

  private final List<SimulatedServer> servers = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ConsoleReporter console = new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8));

  @AfterEach
  void stopServers() {
    servers.forEach(SimulatedServer::close);
  }

  private String serve(String... models) {
    SimulatedServer server = SimulatedServer.start(models.length == 0 ? TestServers.quick() : TestServers.quick().toBuilder().models(models).build());
    servers.add(server);
    return server.baseUrl();
  }

  /** A loopback URL nothing listens on: connections are refused. */
  private static String down() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }
  }

  private LlmSettings settings(Map<String, Object> keys) {
    Map<String, Object> all = new HashMap<>(keys);
    all.put("llm.userFiles", userFiles.toString());
    all.put("llm.request.maxTokens", 8);
    return SettingsLoader.loadForTest(all, Map.of());
  }

  private LlmSettings replicas(String... baseUrls) {
    return settings(Map.of("llm.target.baseUrls", List.of(baseUrls)));
  }

  @Test
  void everyReplicaIsCheckedAndProbed() {
    String a = serve();
    String b = serve();
    Target t = Target.prepare(replicas(a, b), console);
    assertEquals(List.of(URI.create(a), URI.create(b)), t.baseUrls());
    assertEquals(URI.create(a), t.baseUrl());
    assertEquals("sim-fast", t.model());
    assertEquals(a + "/chat/completions", t.requestUrl());
    assertTrue(t.servers().isEmpty(), "a real target: no embedded server to stop");
    for (SimulatedServer s : servers) {
      assertTrue(s.groundTruth().find(ServerProbe.REQUEST_ID).isPresent(), "every replica gets the probe request: " + s.baseUrl());
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("server: "), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aReplicaThatIsDownIsNamed() throws IOException {
    String a = serve();
    String dead = down();
    String c = serve();
    TargetException e = assertThrows(TargetException.class, () -> Target.prepare(replicas(a, dead, c), console));
    assertEquals("replica 2 of 3, " + dead + ": cannot reach " + dead + "/models: connection refused. Check llm.target.baseUrls and "
        + "that the server is up.", e.getMessage());
  }

  @Test
  void theFirstReplicaDownIsNamedToo() throws IOException {
    String dead = down();
    String b = serve();
    TargetException e = assertThrows(TargetException.class, () -> Target.prepare(replicas(dead, b), console));
    assertTrue(e.getMessage().startsWith("replica 1 of 2, " + dead + ": cannot reach "), e.getMessage());
  }

  @Test
  void aReplicaWithoutTheModelIsNamed() {
    String a = serve();
    String other = serve("other-model", "another-model");
    TargetException e = assertThrows(TargetException.class, () -> Target.prepare(replicas(a, other), console));
    assertEquals("replica 2 of 2, " + other + ": it does not serve model \"sim-fast\" (it offers: other-model, another-model); every "
        + "replica in llm.target.baseUrls must serve the model the run loads.", e.getMessage());
  }

  @Test
  void aConfiguredModelMustBeOnTheFirstReplicaToo() {
    String other = serve("other-model");
    String a = serve();
    TargetException e = assertThrows(TargetException.class,
        () -> Target.prepare(settings(Map.of("llm.target.baseUrls", List.of(other, a), "llm.target.model", "sim-fast")), console));
    assertEquals("replica 1 of 2, " + other + ": model \"sim-fast\" is not served by " + other + "; it offers: other-model. Set "
        + "llm.target.model to one of them.", e.getMessage());
  }

  @Test
  void aSingleTargetKeepsItsOwnMessages() throws IOException {
    String dead = down();
    TargetException e = assertThrows(TargetException.class, () -> Target.prepare(settings(Map.of("llm.target.baseUrl", dead)), console));
    String single = assertThrows(TargetException.class,
        () -> ModelCatalog.fetch(URI.create(dead), Optional.empty(), Duration.ofSeconds(5))).getMessage();
    assertEquals(single, e.getMessage());
    assertEquals("Cannot reach " + dead + "/models: connection refused. Check llm.target.baseUrl and that the server is up.", e.getMessage());
  }

  @Test
  void theEmbeddedServerStartsAsManyReplicasAsAsked() {
    Target t = Target.prepare(settings(Map.of("llm.server.replicas", 2)), console);
    try {
      assertEquals(2, t.servers().size());
      assertEquals(2, t.baseUrls().size());
      assertNotEquals(t.baseUrls().get(0), t.baseUrls().get(1), "each replica on its own port");
      assertEquals(t.servers().get(0), t.server());
      assertEquals(URI.create(t.servers().get(1).baseUrl()), t.baseUrls().get(1));
      assertTrue(t.servers().stream().allMatch(s -> s.groundTruth().find(ServerProbe.REQUEST_ID).isPresent()), "both probed");
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("started 2 embedded simulated servers (llm.server.replicas) at "),
          out.toString(StandardCharsets.UTF_8));
    } finally {
      t.stopServer();
    }
    TargetException e = assertThrows(TargetException.class,
        () -> ModelCatalog.fetch(t.baseUrls().get(1), Optional.empty(), Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("connection refused"), "every replica stopped: " + e.getMessage());
  }

  @Test
  void oneEmbeddedServerSaysWhatItAlwaysSaid() {
    Target t = Target.prepare(settings(Map.of()), console);
    try {
      assertEquals(1, t.servers().size());
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("no llm.target.baseUrl set: started the embedded simulated server at "
          + t.server().baseUrl() + " (preset fast)"), out.toString(StandardCharsets.UTF_8));
    } finally {
      t.stopServer();
    }
  }

  @Test
  void anEmbeddedServerWhosePortIsTakenEndsInOneSentence() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      TargetException e = assertThrows(TargetException.class,
          () -> Target.prepare(settings(Map.of("llm.server.port", taken.getLocalPort())), console));
      assertTrue(e.getMessage().startsWith("The simulated server could not bind ") && e.getMessage().endsWith("or 0 for any."),
          e.getMessage());
    }
  }

  @Test
  void singleTargetSentencesAreReworded() {
    assertEquals("cannot reach http://x/v1/models: connection refused. Check llm.target.baseUrls and that the server is up.",
        Target.forReplicas("Cannot reach http://x/v1/models: connection refused. Check llm.target.baseUrl and that the server is up."));
    assertEquals("http://x/v1/models answered HTTP 404 instead of a model list: is llm.target.baseUrls the API root (usually ending in /v1)?",
        Target.forReplicas("http://x/v1/models answered HTTP 404 instead of a model list: is llm.target.baseUrl the API root (usually ending in /v1)?"));
    assertEquals("HTTP 500 from the server", Target.forReplicas("HTTP 500 from the server"), "an acronym keeps its case");
  }
}
