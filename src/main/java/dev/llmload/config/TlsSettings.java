package dev.llmload.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Certificate checking for https targets.
 *
 * @param trustStore a trust store (JKS or PKCS12) holding the target's certificate or its CA, e.g. for a
 *     self-signed lab server; empty = the JDK's default CAs
 * @param trustStorePassword its password, empty for none
 * @param insecure trust any certificate (labs only; a warning is printed)
 */
public record TlsSettings(Optional<Path> trustStore, Optional<Secret> trustStorePassword, boolean insecure) {

  public TlsSettings {
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
  }

  public static TlsSettings defaults() {
    return new TlsSettings(Optional.empty(), Optional.empty(), false);
  }
}
