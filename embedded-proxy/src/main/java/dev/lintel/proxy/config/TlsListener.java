package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * A Gateway listener of protocol TLS on a port, with the TLSRoutes attached to it. The
 * ClientHello's SNI picks one Gateway listener of the port (HTTPS or TLS) by hostname, as a Host
 * picks a virtual host; on a TLS listener it then picks one of its routes.
 *
 * @param hostname the Gateway listener's hostname (exact, or a {@code *.} wildcard), or null for a
 *     listener that takes any SNI
 * @param mode whether the proxy terminates TLS
 * @param certificates under {@code Terminate}, {@code namespace/name} of each certificate Secret,
 *     as for an HTTPS listener (by reference only); empty under {@code Passthrough}
 * @param routes the routes, in precedence order: of two routes with one hostname, the first wins
 */
public record TlsListener(
    String hostname, TlsMode mode, List<String> certificates, List<TlsRoute> routes) {
  public TlsListener {
    Objects.requireNonNull(mode, "mode");
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  /**
   * The key this listener has among the Gateway listeners of its port: its hostname, or {@code *}.
   */
  public String key() {
    return Objects.requireNonNullElse(hostname, TlsEntry.ANY);
  }
}
