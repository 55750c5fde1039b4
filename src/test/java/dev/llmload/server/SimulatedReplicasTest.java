package dev.llmload.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.llmload.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SimulatedReplicasTest {

  @Test
  void eachReplicaIsAServerOfItsOwnOnItsOwnPort() {
    List<SimulatedServer> servers = SimulatedReplicas.start(TestServers.quick(), Optional.empty(), 2);
    try {
      assertEquals(2, servers.size());
      assertNotEquals(servers.get(0).getUri().getPort(), servers.get(1).getUri().getPort());
      assertTrue(servers.get(0).groundTruth() != servers.get(1).groundTruth(), "each has its own ground truth");
    } finally {
      servers.forEach(SimulatedServer::close);
    }
  }

  @Test
  void aReplicaThatCannotBindStopsTheOnesStarted() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      // replica 1 on port - 1 (free or not), replica 2 on the taken port: the start fails either way
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> SimulatedReplicas.start(TestServers.quick().toBuilder().port(port - 1).build(), Optional.empty(), 2));
      assertTrue(e.getMessage().contains("could not bind 127.0.0.1:" + (port - 1)) || e.getMessage().contains("could not bind 127.0.0.1:" + port),
          e.getMessage());
      try (ServerSocket again = new ServerSocket()) {
        // port - 1 is free again unless something else held it from the start: nothing of ours is left bound to it
        again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port - 1));
      } catch (IOException stillTaken) {
        assertTrue(e.getMessage().contains(":" + (port - 1) + " "), "only a port that was never ours may still be taken: " + e.getMessage());
      }
    }
  }

  @Test
  void theLastPortMustExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimulatedReplicas.start(TestServers.quick().toBuilder().port(65_535).build(), Optional.empty(), 2));
    assertEquals("llm.server.port + llm.server.replicas - 1 must be at most 65535, was 65536", e.getMessage());
  }

  @Test
  void theCountIsReadAndChecked() {
    assertEquals(3, SimulatedReplicas.count(ConfigFactory.parseString("replicas = 3")));
    ConfigException e = assertThrows(ConfigException.class, () -> SimulatedReplicas.count(ConfigFactory.parseString("replicas = 0")));
    assertEquals("llm.server.replicas must be between 1 and 16, was 0", e.getMessage());
    assertEquals("llm.server.replicas", e.key());
  }
}
