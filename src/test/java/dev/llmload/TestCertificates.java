package dev.llmload;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 / localhost made with the JDK's keytool: the server's key store and a
 * trust store holding only that certificate, both PKCS12 with password {@link #PASSWORD}.
 */
public record TestCertificates(Path keyStore, Path trustStore) {

  public static final String PASSWORD = "changeit";

  public static TestCertificates create(Path dir) throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Path trustStore = dir.resolve("trust.p12");
    Path cert = dir.resolve("server.cer");
    keytool("-genkeypair", "-alias", "lab", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=lab-server",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "lab", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "lab", "-file", cert.toString(), "-storetype", "PKCS12", "-keystore",
        trustStore.toString(), "-storepass", PASSWORD);
    return new TestCertificates(keyStore, trustStore);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
