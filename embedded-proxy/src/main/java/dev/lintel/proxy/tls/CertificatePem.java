package dev.lintel.proxy.tls;

import java.util.Objects;

/**
 * The PEM text of one certificate Secret ({@code tls.crt} and {@code tls.key}).
 *
 * @param certificateChain the server certificate first, then its intermediates
 * @param privateKey the key of the first certificate: PKCS#8, PKCS#1 (RSA) or SEC1 (EC),
 *     unencrypted
 */
public record CertificatePem(String certificateChain, String privateKey) {
  public CertificatePem {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** Never the key: records print their components, and this one ends up in logs. */
  @Override
  public String toString() {
    return "CertificatePem[" + certificateChain.length() + " chars of certificates, key hidden]";
  }
}
