package dev.lintel.proxy.config;

/** What a proxy listener speaks on the wire. */
public enum Protocol {
  /** HTTP/1.1 in clear text. */
  HTTP,
  /**
   * HTTP/1.1 inside TLS, terminated by the proxy with the certificates of the listener's tls; the
   * port may also carry TLS listeners (an SNI of theirs is relayed, not served as HTTP).
   */
  HTTPS,
  /** TLS listeners only: every connection is relayed to a TLS route's backend, chosen by SNI. */
  TLS
}
