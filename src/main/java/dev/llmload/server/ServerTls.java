package dev.llmload.server;

import com.typesafe.config.Config;
import dev.llmload.config.ConfigException;
import dev.llmload.config.ConfigReader;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;

/**
 * Serving https, for trying a client's certificate handling against the simulator:
 * {@code llm.server.tls { keyStore = server.p12, keyStorePassword = ... }} (PKCS12, or JKS by {@code .jks} name).
 *
 * @param keyStore the key store holding the server's key and certificate
 * @param password its password (and the key's)
 */
public record ServerTls(Path keyStore, String password) {

  /**
   * The {@code tls} block of an {@code llm.server} tree; empty when {@code keyStore} is unset. The key store is
   * opened once here, so a missing file or a wrong password fails when the settings are read, not when the server
   * starts.
   *
   * @throws ConfigException naming the key, the value and the rule
   */
  public static Optional<ServerTls> fromConfig(Config llmServer) {
    ConfigReader c = ConfigReader.of(llmServer, "llm.server");
    Optional<String> keyStore = c.string("tls.keyStore");
    String password = c.exactString("tls.keyStorePassword").orElse("");
    if (keyStore.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(keyStore.get());
    if (!Files.isRegularFile(file)) {
      throw ConfigException.invalid(c.key("tls.keyStore"), keyStore.get(), "no key store file at " + file.toAbsolutePath().normalize());
    }
    ServerTls tls = new ServerTls(file, password);
    tls.sslContext();
    return Optional.of(tls);
  }

  SslContext sslContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance(keyStore.getFileName().toString().endsWith(".jks") ? "JKS" : "PKCS12");
      ks.load(in, password.toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password.toCharArray());
      return SslContextBuilder.forServer(kmf).build();
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("llm.server.tls.keyStore", "cannot use " + keyStore.toAbsolutePath() + " (" + e.getMessage() + ")");
    }
  }
}
