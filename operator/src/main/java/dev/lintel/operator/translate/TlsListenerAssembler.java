package dev.lintel.operator.translate;

import dev.lintel.proxy.config.TlsListener;
import dev.lintel.proxy.config.TlsMode;
import dev.lintel.proxy.config.TlsRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLS listeners of one port in the proxy config, each with the TLSRoutes attached through it.
 * Of two routes that serve the same SNI name on one listener, the one whose own hostname is more
 * specific wins, then the oldest, then the first by namespace/name (the spec's route precedence);
 * it keeps the name, the other serves its remaining names only. Between different names the proxy
 * prefers the more specific one by itself.
 */
final class TlsListenerAssembler {
  private static final Comparator<TlsRouteTranslator.Contribution> PRECEDENCE =
      Comparator.comparing(
              (TlsRouteTranslator.Contribution c) -> c.route().getMetadata().getCreationTimestamp(),
              RoutePrecedence::compareTimestamps)
          .thenComparing(c -> c.route().getMetadata().getNamespace())
          .thenComparing(c -> c.route().getMetadata().getName());

  private TlsListenerAssembler() {}

  /** The port's TLS listeners in spec order; only programmable ones reach here. */
  static List<TlsListener> tlsListeners(
      List<ListenerView> listeners, List<TlsRouteTranslator.Contribution> contributions) {
    List<TlsListener> result = new ArrayList<>();
    for (ListenerView listener : listeners) {
      boolean terminate = ListenerTranslator.terminates(listener.spec());
      result.add(
          new TlsListener(
              listener.hostname(),
              terminate ? TlsMode.Terminate : TlsMode.Passthrough,
              terminate ? listener.certificates() : List.of(),
              routes(listener, contributions)));
    }
    return result;
  }

  private static List<TlsRoute> routes(
      ListenerView listener, List<TlsRouteTranslator.Contribution> contributions) {
    List<TlsRouteTranslator.Contribution> attached =
        contributions.stream()
            .filter(c -> c.listener().equals(listener))
            .sorted(PRECEDENCE)
            .toList();
    // SNI name -> the route that serves it: the one whose own hostname is the most specific for
    // the name, then the oldest (TLSRouteMultipleRoutesAttachmentSameHostnameIntersection).
    Map<String, TlsRouteTranslator.Contribution> owners = new HashMap<>();
    for (TlsRouteTranslator.Contribution contribution : attached) {
      for (String hostname : contribution.hostnames()) {
        owners.merge(
            hostname,
            contribution,
            (held, other) ->
                HostnameIntersection.bySpecificity(
                            ownHostname(other, hostname), ownHostname(held, hostname))
                        < 0
                    ? other
                    : held);
      }
    }
    List<TlsRoute> routes = new ArrayList<>();
    for (TlsRouteTranslator.Contribution contribution : attached) {
      List<String> hostnames =
          contribution.hostnames().stream()
              .filter(hostname -> owners.get(hostname) == contribution)
              .sorted()
              .toList();
      if (!hostnames.isEmpty()) {
        ObjectRef route = ObjectRef.of(contribution.route());
        routes.add(
            new TlsRoute(
                route.namespace() + "/" + route.name(), hostnames, contribution.backends()));
      }
    }
    return routes;
  }

  /**
   * The most specific of the route's own hostnames that covers {@code served}; {@code *} for a
   * route without hostnames.
   */
  private static String ownHostname(TlsRouteTranslator.Contribution contribution, String served) {
    String best = HostnameIntersection.ANY;
    for (String own : contribution.route().getSpec().hostnames()) {
      if (HostnameIntersection.covers(own, served)
          && HostnameIntersection.bySpecificity(own, best) < 0) {
        best = own;
      }
    }
    return best;
  }
}
