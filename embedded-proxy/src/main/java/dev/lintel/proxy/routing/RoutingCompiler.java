package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a config into {@link RoutingTables}. Runs off the event loop during a reload; all the
 * work that can be done once per config (host name parsing, path splitting, weights) is done here.
 */
public final class RoutingCompiler {
  private RoutingCompiler() {}

  /**
   * Compiles a config. The config is expected to be valid ({@code ConfigParser.parse}); the checks
   * here only guard against configs built in code that would make the tables ambiguous.
   */
  public static RoutingTables compile(ProxyConfig config) throws ConfigException {
    IntObjectHashMap<ListenerRoutes> byPort = new IntObjectHashMap<>();
    for (Listener listener : config.listeners()) {
      if (byPort.containsKey(listener.port())) {
        throw new ConfigException(
            "listeners: port " + listener.port() + " is used by more than one listener");
      }
      byPort.put(listener.port(), compile(listener));
    }
    return new RoutingTables(byPort);
  }

  static ListenerRoutes compile(Listener listener) {
    HostMatcher<PathIndex> hosts = new HostMatcher<>();
    for (VirtualHost host : listener.virtualHosts()) {
      PathIndex paths = compile(host);
      // A virtual host without names serves any host, like a Gateway listener without hostname.
      List<String> names = host.hostnames().isEmpty() ? List.of("*") : host.hostnames();
      for (String name : names) {
        hosts.put(HostNormalizer.normalize(name), paths);
      }
    }
    return new ListenerRoutes(listener.name(), hosts);
  }

  static PathIndex compile(VirtualHost host) {
    PathIndex index = new PathIndex();
    List<Route> routes = host.routes();
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      CompiledRoute compiled = new CompiledRoute(route.name(), i, picker(route.backends()));
      PathMatch path = route.match().path();
      switch (path.type()) {
        case Exact -> index.addExact(path.value(), compiled);
        case PathPrefix -> index.addPrefix(path.value(), compiled);
        default -> throw new IllegalStateException("unknown path match type " + path.type());
      }
    }
    return index;
  }

  static BackendPicker picker(List<Backend> backends) {
    List<CompiledBackend> compiled = new ArrayList<>(backends.size());
    List<Integer> weights = new ArrayList<>(backends.size());
    for (Backend backend : backends) {
      List<UpstreamAddress> endpoints = new ArrayList<>(backend.endpoints().size());
      for (Endpoint endpoint : backend.endpoints()) {
        endpoints.add(new UpstreamAddress(endpoint.host(), endpoint.port()));
      }
      compiled.add(new CompiledBackend(backend.name(), backend.rejected(), endpoints));
      weights.add(backend.weight());
    }
    return new BackendPicker(compiled, weights);
  }
}
