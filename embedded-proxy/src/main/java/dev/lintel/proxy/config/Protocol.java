package dev.lintel.proxy.config;

/** What a proxy listener speaks on the wire. */
public enum Protocol {
  /** HTTP/1.1 in clear text. */
  HTTP
}
