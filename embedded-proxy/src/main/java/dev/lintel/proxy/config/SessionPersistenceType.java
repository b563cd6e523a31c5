package dev.lintel.proxy.config;

/** Where a session's token travels between the client and the proxy. */
public enum SessionPersistenceType {
  /** A cookie the proxy sets ({@code Set-Cookie}) and the client sends back ({@code Cookie}). */
  Cookie,
  /**
   * A response header the proxy sets and the client sends back as a request header of that name.
   */
  Header
}
