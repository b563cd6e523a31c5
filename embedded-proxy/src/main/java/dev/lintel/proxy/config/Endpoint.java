package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * One upstream address.
 *
 * @param host an IP address or host name
 * @param port the TCP port
 */
public record Endpoint(String host, int port) {
  public Endpoint {
    Objects.requireNonNull(host, "host");
  }
}
