package dev.llmload.openai;

import dev.llmload.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The JDK HTTP client of the preflight (model list, probe), with the target's certificate rules. */
public final class TlsClients {

  private TlsClients() {}

  public static HttpClient client(TlsSettings tls, Duration connectTimeout) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
    if (tls.insecure()) {
      // the JDK client checks host names apart from certificates; a lab server's certificate rarely names its address
      System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
      b.sslContext(trustAll());
    } else if (tls.trustStore().isPresent()) {
      b.sslContext(fromTrustStore(tls));
    }
    return b.build();
  }

  /** True when {@code e} (or a cause) is a certificate the client did not trust. */
  static boolean untrustedCertificate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static SSLContext fromTrustStore(TlsSettings tls) {
    try (InputStream in = Files.newInputStream(tls.trustStore().orElseThrow())) {
      String file = tls.trustStore().get().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      KeyStore store = KeyStore.getInstance(file.endsWith(".jks") ? "JKS" : "PKCS12");
      store.load(in, tls.trustStorePassword().map(p -> p.reveal().toCharArray()).orElse(null));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new TargetException("Cannot use the trust store " + tls.trustStore().get().toAbsolutePath() + " (llm.target.trustStore): "
          + e.getMessage() + ".");
    }
  }

  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }
}
