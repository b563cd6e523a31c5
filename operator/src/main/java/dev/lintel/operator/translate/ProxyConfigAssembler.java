package dev.lintel.operator.translate;

import dev.lintel.proxy.config.ClientValidation;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.config.VirtualHost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds one Gateway's proxy config: one proxy listener per port of its programmable listeners
 * (accepted, and for HTTPS with a usable certificate; its own and those its ListenerSets merge into
 * it, served alike), one virtual host per effective hostname, routes in Gateway API precedence; on
 * an HTTPS port, the certificates of each listener and the CA bundles that validate clients, by
 * reference; the port's TLS listeners and their routes (see {@link TlsListenerAssembler}).
 * Everything is sorted, so one snapshot always renders the same bytes.
 *
 * <p>The proxy picks exactly one virtual host per request (exact name, else the most specific
 * wildcard, else {@code *}) and takes its first matching route. So each virtual host carries the
 * whole Gateway API decision for the hosts it stands for: only routes attached through the listener
 * that such a request would reach (the most specific listener hostname), routes with the more
 * specific matching hostname first, and within one hostname the path precedence. Routes of less
 * specific hostnames follow, so a request that matches none of the specific routes falls through to
 * them, as the spec requires. Between equal matches under one hostname, a route that names that
 * hostname itself comes before one that reaches it through a wildcard (GatewayRouteHostname-
 * IntersectionPrecedence), and only then does the older route win.
 *
 * <p>A listener without attached routes takes no requests away from a less specific one: until a
 * route attaches to it, its hostnames are served by the listener that would serve them without it.
 * This is how a route moves from a wildcard listener to a new specific one (a ListenerSet's, say)
 * without a request failing in between, as the upstream ListenerSetNonDisruptiveConfig test
 * requires; isolation between listeners that both have routes is unchanged.
 */
final class ProxyConfigAssembler {
  ProxyConfig assemble(
      GatewayView gateway,
      List<HttpRouteTranslator.Contribution> contributions,
      List<TlsRouteTranslator.Contribution> tlsContributions) {
    Map<Integer, List<ListenerView>> listenersByPort = new TreeMap<>();
    for (ListenerView listener : gateway.servedListeners()) {
      if (listener.programmable()) {
        listenersByPort.computeIfAbsent(listener.port(), p -> new ArrayList<>()).add(listener);
      }
    }
    List<Listener> listeners = new ArrayList<>();
    for (Map.Entry<Integer, List<ListenerView>> port : listenersByPort.entrySet()) {
      List<HttpRouteTranslator.Contribution> onPort =
          contributions.stream()
              .filter(c -> c.port() == port.getKey() && c.listener().programmable())
              .toList();
      TreeSet<String> hostnames = new TreeSet<>();
      onPort.forEach(c -> hostnames.add(c.hostname()));
      // Listeners sharing a port share its protocol (the others are Conflicted, never here),
      // except HTTPS and TLS ones, which the SNI tells apart.
      List<ListenerView> httpListeners = port.getValue().stream().filter(l -> !l.tls()).toList();
      List<ListenerView> tlsListeners = port.getValue().stream().filter(ListenerView::tls).toList();
      List<ListenerView> withRoutes =
          httpListeners.stream()
              .filter(l -> onPort.stream().anyMatch(c -> c.listener().equals(l)))
              .toList();
      List<VirtualHost> virtualHosts = new ArrayList<>();
      for (String hostname : hostnames) {
        ListenerView listener = listenerFor(hostname, withRoutes);
        virtualHosts.add(
            new VirtualHost(hostname, List.of(hostname), routesFor(hostname, listener, onPort)));
      }
      boolean https = httpListeners.stream().anyMatch(ListenerView::https);
      Protocol protocol =
          https ? Protocol.HTTPS : httpListeners.isEmpty() ? Protocol.TLS : Protocol.HTTP;
      listeners.add(
          new Listener(
              "port-" + port.getKey(),
              port.getKey(),
              protocol,
              virtualHosts,
              https ? tlsEntries(httpListeners) : List.of(),
              clientValidation(httpListeners),
              TlsListenerAssembler.tlsListeners(tlsListeners, tlsContributions)));
    }
    ObjectRef ref = gateway.ref();
    return new ProxyConfig(
        ProxyConfig.CURRENT_VERSION, ref.namespace() + "/" + ref.name(), listeners);
  }

  /** One entry per Gateway listener of an HTTPS port, in spec order, with its certificates. */
  private static List<TlsEntry> tlsEntries(List<ListenerView> listeners) {
    List<TlsEntry> entries = new ArrayList<>();
    for (ListenerView listener : listeners) {
      entries.add(new TlsEntry(listener.hostname(), listener.certificates()));
    }
    return entries;
  }

  /**
   * The client certificate validation of a port: the Gateway's for that port, the same for every
   * listener on it (ListenerSet listeners take their parent's).
   */
  private static ClientValidation clientValidation(List<ListenerView> listeners) {
    for (ListenerView listener : listeners) {
      if (listener.clientValidation() != null) {
        return listener.clientValidation();
      }
    }
    return null;
  }

  /** The listener a request for {@code hostname} reaches: the most specific one covering it. */
  private static ListenerView listenerFor(String hostname, List<ListenerView> listeners) {
    ListenerView best = null;
    for (ListenerView listener : listeners) {
      String own = listener.hostname() == null ? HostnameIntersection.ANY : listener.hostname();
      if (HostnameIntersection.covers(own, hostname)
          && (best == null || HostnameIntersection.bySpecificity(own, ownHostname(best)) < 0)) {
        best = listener;
      }
    }
    return best;
  }

  private static List<Route> routesFor(
      String hostname, ListenerView listener, List<HttpRouteTranslator.Contribution> onPort) {
    List<HttpRouteTranslator.Contribution> applicable =
        onPort.stream()
            .filter(c -> c.listener().equals(listener))
            .filter(c -> HostnameIntersection.covers(c.hostname(), hostname))
            .sorted(
                Comparator.comparing(
                        HttpRouteTranslator.Contribution::entry, RoutePrecedence.BY_MATCH)
                    .thenComparing(
                        HttpRouteTranslator.Contribution::hostname,
                        HostnameIntersection::bySpecificity)
                    .thenComparing(
                        HttpRouteTranslator.Contribution::routeHostname,
                        HostnameIntersection::bySpecificityAlone)
                    .thenComparing(
                        HttpRouteTranslator.Contribution::entry, RoutePrecedence.BY_ROUTE))
            .toList();
    // A match reachable under several covering hostnames keeps its most specific position.
    Map<String, Route> routes = new LinkedHashMap<>();
    for (HttpRouteTranslator.Contribution contribution : applicable) {
      routes.putIfAbsent(contribution.entry().name(), contribution.entry().toRoute());
    }
    return List.copyOf(routes.values());
  }

  private static String ownHostname(ListenerView listener) {
    return listener.hostname() == null ? HostnameIntersection.ANY : listener.hostname();
  }
}
