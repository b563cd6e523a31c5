package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * One TLSRoute on one TLS listener: the SNI names it takes and where their connections go.
 *
 * @param name {@code namespace/name} of the TLSRoute, for logs
 * @param hostnames the names the route serves on its listener (the route's hostnames intersected
 *     with the listener's): exact, {@code *.} wildcards, or {@code *} for any SNI
 * @param backends weighted backends; a connection goes to one of them for its whole life, and is
 *     closed when the pick is a rejected backend or there is none
 */
public record TlsRoute(String name, List<String> hostnames, List<Backend> backends) {
  public TlsRoute {
    Objects.requireNonNull(name, "name");
    hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    backends = backends == null ? List.of() : List.copyOf(backends);
  }
}
