package dev.lintel.proxy.tls;

import java.util.Objects;

/**
 * The PEM text of one CA bundle (a ConfigMap's {@code ca.crt}): the authorities a client
 * certificate may chain to. Public material, but handed over like certificates, by reference.
 *
 * @param certificates one or more {@code CERTIFICATE} blocks
 */
public record CaBundlePem(String certificates) {
  public CaBundlePem {
    Objects.requireNonNull(certificates, "certificates");
  }
}
