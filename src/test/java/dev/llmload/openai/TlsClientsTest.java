package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.llmload.TestCertificates;
import dev.llmload.config.Secret;
import dev.llmload.config.TlsSettings;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https target with a self-signed certificate (made with the JDK's keytool): refused, trusted by trust store, or insecure. */
class TlsClientsTest {

  private static final String PASSWORD = TestCertificates.PASSWORD;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  static Path dir;

  private static HttpsServer server;
  private static URI base;
  private static Path trustStore;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    trustStore = certs.trustStore();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(certs.keyStore().toFile())) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.createContext("/v1/models", exchange -> {
      byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"lab-model\"}]}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void selfSignedCertificateIsRefusedWithTheFix() {
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.fetch(base, Optional.empty(), TlsSettings.defaults(), TIMEOUT));
    assertEquals("The certificate of 127.0.0.1 is not trusted: set llm.target.trustStore to a trust store holding it or its CA "
        + "(or llm.target.insecureTls=true for a lab server).", e.getMessage());
  }

  @Test
  void trustStoreHoldingTheCertificateIsTrusted() {
    TlsSettings tls = new TlsSettings(Optional.of(trustStore), Optional.of(new Secret(PASSWORD, "test")), false);
    assertEquals(List.of("lab-model"), ModelCatalog.fetch(base, Optional.empty(), tls, TIMEOUT));
  }

  @Test
  void insecureTrustsAnyCertificate() {
    assertEquals(List.of("lab-model"), ModelCatalog.fetch(base, Optional.empty(), new TlsSettings(Optional.empty(), Optional.empty(), true), TIMEOUT));
  }

  @Test
  void unreadableTrustStoreIsNamed() {
    TlsSettings tls = new TlsSettings(Optional.of(trustStore), Optional.of(new Secret("wrong", "test")), false);
    TargetException e = assertThrows(TargetException.class, () -> ModelCatalog.fetch(base, Optional.empty(), tls, TIMEOUT));
    assertTrue(e.getMessage().startsWith("Cannot use the trust store " + trustStore.toAbsolutePath()), e.getMessage());
  }
}
