package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * Client certificate validation on one HTTPS port. Like certificates, the trusted authorities are
 * named by reference only: their PEM reaches the proxy apart from the config.
 *
 * @param caCertificates {@code namespace/name} of each CA bundle (a ConfigMap's {@code ca.crt}); a
 *     client certificate is valid when it chains to any of them
 * @param mode whether a client without a valid certificate is refused or served
 */
public record ClientValidation(List<String> caCertificates, ClientValidationMode mode) {
  public ClientValidation {
    caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
    Objects.requireNonNull(mode, "mode");
  }
}
