package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * One bound port. Several Gateway listeners that share a port become one proxy listener whose
 * virtual hosts carry their hostnames.
 *
 * @param name stable identifier, used in logs and metrics
 * @param port the port the proxy binds (already offset or remapped by the operator)
 * @param protocol what the port speaks
 * @param virtualHosts host-based routing tables, matched by the request's Host
 */
public record Listener(String name, int port, Protocol protocol, List<VirtualHost> virtualHosts) {
  public Listener {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    virtualHosts = virtualHosts == null ? List.of() : List.copyOf(virtualHosts);
  }
}
