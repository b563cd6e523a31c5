package dev.lintel.proxy.config;

/** What an HTTPS port does with a client certificate; the Gateway API's names. */
public enum ClientValidationMode {
  /** A client must present a certificate that chains to one of the trusted authorities. */
  AllowValidOnly,
  /**
   * A client is asked for a certificate, and served whether it presents none, a valid one or one
   * that does not validate: authorization is left to the backend.
   */
  AllowInsecureFallback
}
