package dev.lintel.proxy.config;

/** What a Gateway listener of protocol TLS does with the TLS of the connections it takes. */
public enum TlsMode {
  /** The proxy reads the ClientHello's SNI only and relays the encrypted bytes unchanged. */
  Passthrough,
  /**
   * The proxy completes the handshake with the listener's certificate and relays the plain bytes.
   */
  Terminate
}
