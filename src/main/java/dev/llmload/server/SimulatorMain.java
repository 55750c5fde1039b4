package dev.llmload.server;

import com.typesafe.config.Config;
import dev.llmload.config.ConfigException;
import dev.llmload.config.SettingsLoader;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated server on its own until Ctrl-C or SIGTERM:
 * {@code mvn -q compile exec:java@simulator -Dllm.server.port=8000 -Dllm.server.preset=llama-3.1-8b-l4}.
 * Configuration comes from {@code llm.server.*} through the project's loader (defaults in the jar, then the
 * {@code user-files} profile, then system properties); an unset port means 8000. With {@code -Dllm.server.replicas=N}
 * it starts N servers on ports 8000, 8001, ... (from {@code llm.server.port}): replicas to point
 * {@code llm.target.baseUrls} at.
 */
public final class SimulatorMain {

  /** The port used when {@code llm.server.port} is unset. */
  public static final int DEFAULT_STANDALONE_PORT = 8000;

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    quietUnconfiguredLogback();
    List<SimulatedServer> servers;
    try {
      servers = startAllFromConfig(SettingsLoader.load().server());
    } catch (ConfigException e) {
      System.err.println("Simulated server not started: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("Simulated server not started: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      servers.forEach(SimulatedServer::close);
      stopped.countDown();
    }, "llm-sim-shutdown"));
    SimulatedServer server = servers.get(0);
    ServerSettings s = server.settings();
    System.out.println("Simulated LLM server: " + server.baseUrl());
    for (int i = 1; i < servers.size(); i++) {
      System.out.println("  replica " + (i + 1) + " of " + servers.size() + ": " + servers.get(i).baseUrl());
    }
    System.out.println("  preset: " + s.preset() + " (maxNumSeqs " + s.engine().maxNumSeqs() + ", step "
        + s.engine().decodeBaseMs() + " ms + " + s.engine().decodePerSeqMs() + " ms/seq)");
    System.out.println("  models: " + String.join(", ", server.modelNames()));
    System.out.println("  try:    curl -N " + server.baseUrl() + "/chat/completions -H 'Content-Type: "
        + "application/json' -d '{\"model\":\"" + server.modelNames().get(0) + "\",\"stream\":true,"
        + "\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
    System.out.println("Stop with Ctrl-C.");
    stopped.await();
  }

  /**
   * Logback without a configuration file logs everything at DEBUG (Netty's start-up chatter included); when the
   * classpath has no logback configuration, raise the root level to INFO. A configured logback is left alone.
   */
  private static void quietUnconfiguredLogback() {
    if (System.getProperty("logback.configurationFile") != null
        || SimulatorMain.class.getResource("/logback.xml") != null
        || SimulatorMain.class.getResource("/logback-test.xml") != null) {
      return;
    }
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }

  /**
   * Starts a server from an {@code llm.server} subtree, on port {@value #DEFAULT_STANDALONE_PORT} when the tree
   * leaves {@code port} unset. The seam through which a project-wide config loader starts the standalone server.
   */
  public static SimulatedServer startFromConfig(Config llmServer) {
    return SimulatedServer.start(standaloneSettings(llmServer), ServerTls.fromConfig(llmServer));
  }

  /**
   * Starts {@code llm.server.replicas} servers from an {@code llm.server} subtree, on ports {@value #DEFAULT_STANDALONE_PORT},
   * {@value #DEFAULT_STANDALONE_PORT} + 1, ... when the tree leaves {@code port} unset.
   */
  public static List<SimulatedServer> startAllFromConfig(Config llmServer) {
    return SimulatedReplicas.start(standaloneSettings(llmServer), ServerTls.fromConfig(llmServer), SimulatedReplicas.count(llmServer));
  }

  /** {@link ServerSettings#fromConfig}, with port {@value #DEFAULT_STANDALONE_PORT} when {@code port} is unset. */
  static ServerSettings standaloneSettings(Config llmServer) {
    ServerSettings settings = ServerSettings.fromConfig(llmServer);
    return llmServer.hasPath("port") ? settings : settings.toBuilder().port(DEFAULT_STANDALONE_PORT).build();
  }
}
