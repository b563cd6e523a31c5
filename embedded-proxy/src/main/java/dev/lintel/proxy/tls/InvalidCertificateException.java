package dev.lintel.proxy.tls;

/**
 * Certificate material that cannot serve: not PEM, no certificate, an unsupported or encrypted key,
 * a key that does not belong to the certificate. The message says which, never what the key is.
 */
public final class InvalidCertificateException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidCertificateException(String message) {
    super(message);
  }
}
