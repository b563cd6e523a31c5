package dev.lintel.proxy.routing;

import com.google.re2j.Pattern;
import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Mirror;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a config into {@link RoutingTables}. Runs off the event loop during a reload; all the
 * work that can be done once per config (host name parsing, path splitting, weights) is done here.
 *
 * <p>An instance remembers what its last {@link #recompile} built and reuses the compiled routes of
 * every virtual host whose config is equal to the previous one (config records have value
 * equality): a reload that adds one host to 10,000 compiles one host. Reused routes keep their
 * round-robin position, as an unchanged host should.
 */
public final class RoutingCompiler {
  /** Virtual host name -> its config and compiled index, from the last successful compile. */
  private Map<String, CompiledHost> previousHosts = Map.of();

  /** Endpoint -> address, from the last successful compile. */
  private Map<Endpoint, UpstreamAddress> previousAddresses = Map.of();

  private int reused;

  /** An incremental compiler; see {@link #recompile}. */
  public RoutingCompiler() {}

  /**
   * Compiles a config from scratch. The config is expected to be valid ({@code
   * ConfigParser.parse}); the checks here only guard against configs built in code that would make
   * the tables ambiguous.
   */
  public static RoutingTables compile(ProxyConfig config) throws ConfigException {
    return new RoutingCompiler().recompile(config);
  }

  /**
   * Compiles a config like {@link #compile}, reusing the compiled virtual hosts of the previous
   * call that are equal to the new ones. The result is the same as {@link #compile}'s. Thread-safe;
   * a failed call leaves the memory of the previous one as it was.
   */
  public synchronized RoutingTables recompile(ProxyConfig config) throws ConfigException {
    Session session = new Session(previousHosts, previousAddresses);
    IntObjectHashMap<ListenerRoutes> byPort = new IntObjectHashMap<>();
    for (Listener listener : config.listeners()) {
      if (byPort.containsKey(listener.port())) {
        throw new ConfigException(
            "listeners: port " + listener.port() + " is used by more than one listener");
      }
      byPort.put(listener.port(), session.compile(listener));
    }
    previousHosts = session.hosts;
    previousAddresses = session.addresses;
    reused = session.reusedHosts;
    return new RoutingTables(byPort);
  }

  /** How many virtual hosts the last {@link #recompile} took over from the one before. */
  synchronized int reusedHosts() {
    return reused;
  }

  static ListenerRoutes compile(Listener listener) {
    return new Session(Map.of(), Map.of()).compile(listener);
  }

  static PathIndex compile(VirtualHost host) {
    return new Session(Map.of(), Map.of()).compile(host);
  }

  /** The weighted picker of a backend list outside the HTTP tables (TLS routes). */
  public static BackendPicker picker(List<Backend> backends) {
    return new Session(Map.of(), Map.of()).picker(backends);
  }

  /** A virtual host's config and what it compiled to. */
  private record CompiledHost(VirtualHost config, PathIndex paths) {}

  /** One compile: reads the previous compile's results, collects its own for the next one. */
  private static final class Session {
    private final Map<String, CompiledHost> previous;
    private final Map<Endpoint, UpstreamAddress> previousAddresses;
    final Map<String, CompiledHost> hosts;

    /**
     * Interned per endpoint: configs name the same few endpoints in thousands of routes, and
     * parsing an IP literal for each of them was a twentieth of a compile.
     */
    final Map<Endpoint, UpstreamAddress> addresses;

    int reusedHosts;

    Session(Map<String, CompiledHost> previous, Map<Endpoint, UpstreamAddress> addresses) {
      this.previous = previous;
      this.previousAddresses = addresses;
      // Sized like the last compile's: a reload rarely changes the count much, and rehashing
      // 10,000 entries showed in profiles.
      this.hosts = new HashMap<>(Math.max(16, previous.size() * 2));
      this.addresses = new HashMap<>(Math.max(16, addresses.size() * 2));
    }

    ListenerRoutes compile(Listener listener) {
      HostMatcher<PathIndex> matcher = new HostMatcher<>();
      for (VirtualHost host : listener.virtualHosts()) {
        PathIndex paths = reuseOrCompile(host);
        // A virtual host without names serves any host, like a Gateway listener without hostname.
        List<String> names = host.hostnames().isEmpty() ? List.of("*") : host.hostnames();
        for (String name : names) {
          matcher.put(HostNormalizer.normalize(name), paths);
        }
      }
      return new ListenerRoutes(listener.name(), matcher);
    }

    private PathIndex reuseOrCompile(VirtualHost host) {
      CompiledHost before = previous.get(host.name());
      PathIndex paths;
      // Identity first: an incremental parse hands over the unchanged hosts' very records, and a
      // deep comparison of 10,000 hosts was a sizeable part of a reload.
      if (before != null && (before.config() == host || before.config().equals(host))) {
        paths = before.paths();
        reusedHosts++;
      } else {
        paths = compile(host);
      }
      // Names are unique in rendered configs; with duplicates only the first is remembered.
      hosts.putIfAbsent(host.name(), new CompiledHost(host, paths));
      return paths;
    }

    PathIndex compile(VirtualHost host) {
      PathIndex index = new PathIndex();
      List<Route> routes = host.routes();
      for (int i = 0; i < routes.size(); i++) {
        Route route = routes.get(i);
        RouteFilters filters = route.filters();
        BackendPicker picker = picker(route.backends(), filters);
        CompiledRoute compiled =
            new CompiledRoute(
                route.name(),
                i,
                picker,
                RouteConditions.of(route.match()),
                route.match().path(),
                filters.redirect(),
                filters.rewrite(),
                route.timeouts(),
                mirrors(filters),
                CorsPolicy.of(filters.cors()),
                route.retry(),
                CompiledDirectResponse.of(filters.directResponse(), filters.responseHeaders()),
                SessionAffinity.of(route.sessionPersistence(), picker));
        PathMatch path = route.match().path();
        switch (path.type()) {
          case Exact -> index.addExact(path.value(), compiled);
          case PathPrefix -> index.addPrefix(path.value(), compiled);
          case RegularExpression -> index.addRegex(Pattern.compile(path.value()), compiled);
          default -> throw new IllegalStateException("unknown path match type " + path.type());
        }
      }
      return index;
    }

    BackendPicker picker(List<Backend> backends) {
      return picker(backends, RouteFilters.NONE);
    }

    BackendPicker picker(List<Backend> backends, RouteFilters filters) {
      List<CompiledBackend> compiled = new ArrayList<>(backends.size());
      List<Integer> weights = new ArrayList<>(backends.size());
      for (Backend backend : backends) {
        compiled.add(backend(backend, filters));
        weights.add(backend.weight());
      }
      return new BackendPicker(compiled, weights);
    }

    /** A backend with its route's header changes and its own folded together. */
    private CompiledBackend backend(Backend backend, RouteFilters filters) {
      List<UpstreamAddress> endpoints = new ArrayList<>(backend.endpoints().size());
      boolean h2c = backend.protocol() == BackendProtocol.H2C;
      for (Endpoint endpoint : backend.endpoints()) {
        if (h2c || backend.tls() != null) {
          // Connections of their own: same host and port, another protocol or TLS. HTTP/2 with
          // TLS is h2 by ALPN, so a policy's TLS is never given up for the port's h2c.
          endpoints.add(new UpstreamAddress(endpoint.host(), endpoint.port(), h2c, backend.tls()));
        } else {
          endpoints.add(address(endpoint));
        }
      }
      return new CompiledBackend(
          backend.name(),
          backend.rejected(),
          endpoints,
          HeaderEditsCompiler.compose(filters.requestHeaders(), backend.requestHeaders()),
          HeaderEditsCompiler.compose(filters.responseHeaders(), backend.responseHeaders()));
    }

    /** Mirrored copies carry the route's request header changes, as the original does. */
    private CompiledMirror[] mirrors(RouteFilters filters) {
      CompiledMirror[] mirrors = new CompiledMirror[filters.mirrors().size()];
      for (int i = 0; i < mirrors.length; i++) {
        Mirror mirror = filters.mirrors().get(i);
        mirrors[i] =
            new CompiledMirror(
                backend(mirror.backend(), filters), mirror.numerator(), mirror.denominator());
      }
      return mirrors;
    }

    private UpstreamAddress address(Endpoint endpoint) {
      UpstreamAddress address = addresses.get(endpoint);
      if (address == null) {
        address = previousAddresses.get(endpoint);
        if (address == null) {
          address = new UpstreamAddress(endpoint.host(), endpoint.port());
        }
        addresses.put(endpoint, address);
      }
      return address;
    }
  }
}
