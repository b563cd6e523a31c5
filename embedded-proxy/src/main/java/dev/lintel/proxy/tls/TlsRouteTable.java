package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.TlsListener;
import dev.lintel.proxy.config.TlsMode;
import dev.lintel.proxy.config.TlsRoute;
import dev.lintel.proxy.routing.HostMatcher;
import dev.lintel.proxy.routing.RoutingCompiler;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Map;

/**
 * One Gateway listener of protocol TLS, compiled: its routes by SNI (exact name, then the most
 * specific wildcard, then {@code *}) and, under {@code Terminate}, the certificates that answer the
 * handshake. Immutable.
 */
final class TlsRouteTable {
  private final String key;
  private final TlsMode mode;
  private final List<SniListener.Served> certificates;
  private final HostMatcher<TlsRouteTarget> routes = new HostMatcher<>();

  /**
   * @param certificates under {@code Terminate}, those that loaded (none: every handshake fails
   *     rather than present another listener's certificate)
   * @param backendContexts the client contexts of the config's TLS backends (a terminating
   *     listener's routes may speak TLS to their backends; passthrough ones never do)
   */
  TlsRouteTable(
      TlsListener listener,
      List<SniListener.Served> certificates,
      Map<BackendTls, SslContext> backendContexts) {
    this.key = listener.key();
    this.mode = listener.mode();
    this.certificates = List.copyOf(certificates);
    for (TlsRoute route : listener.routes()) {
      TlsRouteTarget target =
          new TlsRouteTarget(
              route.name(), RoutingCompiler.picker(route.backends()), backendContexts);
      for (String hostname : route.hostnames()) {
        // The first route of a name wins: the operator lists them in precedence order.
        routes.put(hostname, target);
      }
    }
  }

  String key() {
    return key;
  }

  /** The selection for a normalized, non-empty SNI, or null when the connection must be closed. */
  SniSelection select(SniListener port, String host) {
    TlsRouteTarget route = routes.find(host);
    if (route == null) {
      return null;
    }
    if (mode == TlsMode.Passthrough) {
      return new SniSelection(port, key, null, route);
    }
    SniListener.Served served = SniListener.bestFor(certificates, host);
    return served == null ? null : new SniSelection(port, key, served.context(), route);
  }
}
