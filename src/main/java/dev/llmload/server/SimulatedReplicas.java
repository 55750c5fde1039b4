package dev.llmload.server;

import com.typesafe.config.Config;
import dev.llmload.config.ConfigException;
import dev.llmload.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Several {@link SimulatedServer}s with the same settings, each on its own port ({@code llm.server.replicas}):
 * replicas of one model on one machine, so a run that spreads its requests over several base URLs can be tried
 * without real replicas. Each replica is a server of its own: its own engine (batch, KV cache, prefix cache), its own
 * ground truth and {@code /debug/requests}.
 */
public final class SimulatedReplicas {

  /** The most replicas one machine is asked to run. */
  public static final int MAX_REPLICAS = 16;

  private SimulatedReplicas() {}

  /**
   * {@code llm.server.replicas}, checked.
   *
   * @throws ConfigException naming the key when it is not a whole number from 1 to {@value #MAX_REPLICAS}
   */
  public static int count(Config llmServer) {
    ConfigReader c = ConfigReader.of(llmServer, "llm.server");
    int count = c.integer("replicas");
    if (count < 1 || count > MAX_REPLICAS) {
      throw ConfigException.stated(c.key("replicas"),
          "llm.server.replicas must be between 1 and " + MAX_REPLICAS + ", was " + count);
    }
    return count;
  }

  /**
   * Starts {@code count} servers from {@code settings}: on ports {@code port, port + 1, ...}, or each on any free port
   * when {@code settings.port()} is 0. A replica that cannot start stops the ones already started.
   *
   * @return the servers, in port order (replica 1 first)
   * @throws IllegalStateException when a port cannot be bound, naming it and the fix
   * @throws IllegalArgumentException when the last port would pass 65535
   */
  public static List<SimulatedServer> start(ServerSettings settings, Optional<ServerTls> tls, int count) {
    if (count < 1 || count > MAX_REPLICAS) {
      throw new IllegalArgumentException("llm.server.replicas must be between 1 and " + MAX_REPLICAS + ", was " + count);
    }
    if (settings.port() != 0 && settings.port() + count - 1 > 65_535) {
      throw new IllegalArgumentException("llm.server.port + llm.server.replicas - 1 must be at most 65535, was "
          + (settings.port() + count - 1));
    }
    List<SimulatedServer> servers = new ArrayList<>();
    boolean allStarted = false;
    try {
      for (int i = 0; i < count; i++) {
        ServerSettings replica = settings.port() == 0 || i == 0 ? settings : settings.toBuilder().port(settings.port() + i).build();
        servers.add(SimulatedServer.start(replica, tls));
      }
      allStarted = true;
    } finally {
      if (!allStarted) { // whatever was thrown (Netty throws its checked bind failure unchecked)
        servers.forEach(SimulatedServer::close);
      }
    }
    return List.copyOf(servers);
  }
}
