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
 * @param tls on an HTTPS port, one entry per Gateway listener of the port; empty on an HTTP port
 * @param clientValidation on an HTTPS port, the client certificates it asks for; null when it asks
 *     for none (always on an HTTP port)
 * @param tlsListeners on an HTTPS or TLS port, the Gateway listeners of protocol TLS; empty on an
 *     HTTP port
 */
public record Listener(
    String name,
    int port,
    Protocol protocol,
    List<VirtualHost> virtualHosts,
    List<TlsEntry> tls,
    ClientValidation clientValidation,
    List<TlsListener> tlsListeners) {
  public Listener {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    virtualHosts = virtualHosts == null ? List.of() : List.copyOf(virtualHosts);
    tls = tls == null ? List.of() : List.copyOf(tls);
    tlsListeners = tlsListeners == null ? List.of() : List.copyOf(tlsListeners);
  }

  /** A listener without TLS listeners. */
  public Listener(
      String name,
      int port,
      Protocol protocol,
      List<VirtualHost> virtualHosts,
      List<TlsEntry> tls,
      ClientValidation clientValidation) {
    this(name, port, protocol, virtualHosts, tls, clientValidation, List.of());
  }

  /** A listener that asks for no client certificate. */
  public Listener(
      String name,
      int port,
      Protocol protocol,
      List<VirtualHost> virtualHosts,
      List<TlsEntry> tls) {
    this(name, port, protocol, virtualHosts, tls, null);
  }

  /** A clear-text listener. */
  public Listener(String name, int port, Protocol protocol, List<VirtualHost> virtualHosts) {
    this(name, port, protocol, virtualHosts, List.of(), null);
  }
}
