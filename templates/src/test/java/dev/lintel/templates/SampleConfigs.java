package dev.lintel.templates;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.Cors;
import dev.lintel.proxy.config.DirectResponse;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HeaderValue;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Mirror;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.PathModifier;
import dev.lintel.proxy.config.PathModifierType;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Redirect;
import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.Rewrite;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.SessionPersistence;
import dev.lintel.proxy.config.SessionPersistenceType;
import dev.lintel.proxy.config.SubjectAltName;
import dev.lintel.proxy.config.SubjectAltNameType;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.config.TlsListener;
import dev.lintel.proxy.config.TlsMode;
import dev.lintel.proxy.config.TlsRoute;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.config.WellKnownCaCertificates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models behind the golden files, one per shape the templates must handle. */
final class SampleConfigs {
  private SampleConfigs() {}

  /** Golden case name to model, in a stable order. */
  static Map<String, ProxyConfig> all() {
    Map<String, ProxyConfig> cases = new LinkedHashMap<>();
    cases.put("single-route", singleRoute());
    cases.put("several-listeners", severalListeners());
    cases.put("wildcard-hosts", wildcardHosts());
    cases.put("weighted-backends", weightedBackends());
    cases.put("rejected-backend", rejectedBackend());
    cases.put("empty-lists", emptyLists());
    cases.put("no-listeners", new ProxyConfig(1, "default/empty", List.of()));
    cases.put("escaped-values", escapedValues());
    cases.put("match-conditions", matchConditions());
    cases.put("filters", filters());
    cases.put("cors", cors());
    cases.put("https-listener", httpsListener());
    cases.put("backend-tls", backendTls());
    cases.put("tls-listeners", tlsListeners());
    return cases;
  }

  static ProxyConfig singleRoute() {
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/example.com",
                        List.of("example.com"),
                        List.of(
                            route(
                                "default/web/0/0",
                                PathMatchType.PathPrefix,
                                "/",
                                backend("default/web:80", 1, endpoint("10.0.0.1", 8080)))))))));
  }

  static ProxyConfig severalListeners() {
    return new ProxyConfig(
        1,
        "infra/shared",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/a",
                        List.of("a.example.com"),
                        List.of(
                            route(
                                "apps/a/0/0",
                                PathMatchType.Exact,
                                "/login",
                                backend("apps/a:80", 1, endpoint("10.0.1.1", 80))))))),
            new Listener(
                "admin",
                9090,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "admin/any",
                        List.of("*"),
                        List.of(
                            route(
                                "ops/admin/0/0",
                                PathMatchType.PathPrefix,
                                "/admin",
                                backend("ops/admin:9000", 1, endpoint("10.0.2.1", 9000)))))))));
  }

  static ProxyConfig wildcardHosts() {
    return new ProxyConfig(
        1,
        "default/wild",
        List.of(
            new Listener(
                "http",
                80,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/exact",
                        List.of("foo.example.com", "bar.example.com"),
                        List.of(
                            route(
                                "default/foo/0/0",
                                PathMatchType.PathPrefix,
                                "/",
                                backend("default/foo:80", 1, endpoint("10.0.0.2", 8080))))),
                    new VirtualHost(
                        "http/wildcard",
                        List.of("*.example.com"),
                        List.of(
                            route(
                                "default/wild/0/0",
                                PathMatchType.PathPrefix,
                                "/",
                                backend("default/wild:80", 1, endpoint("10.0.0.3", 8080))))),
                    new VirtualHost(
                        "http/any",
                        List.of("*"),
                        List.of(
                            route(
                                "default/fallback/0/0",
                                PathMatchType.PathPrefix,
                                "/",
                                backend(
                                    "default/fallback:80", 1, endpoint("10.0.0.4", 8080)))))))));
  }

  static ProxyConfig weightedBackends() {
    return new ProxyConfig(
        1,
        "shop/edge",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/shop",
                        List.of("shop.example.com"),
                        List.of(
                            route(
                                "shop/canary/0/0",
                                PathMatchType.PathPrefix,
                                "/api",
                                backend(
                                    "shop/api-v1:8080",
                                    90,
                                    endpoint("10.1.0.1", 8080),
                                    endpoint("10.1.0.2", 8080),
                                    endpoint("10.1.0.3", 8080)),
                                backend("shop/api-v2:8080", 10, endpoint("10.1.1.1", 8080)),
                                backend("shop/api-dark:8080", 0, endpoint("10.1.2.1", 8080))),
                            route(
                                "shop/static/0/0",
                                PathMatchType.Exact,
                                "/favicon.ico",
                                backend(
                                    "shop/static:80",
                                    1_000_000,
                                    endpoint("static.shop.svc.cluster.local", 80)))))))));
  }

  static ProxyConfig rejectedBackend() {
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/example.com",
                        List.of("example.com"),
                        List.of(
                            route(
                                "default/mixed/0/0",
                                PathMatchType.PathPrefix,
                                "/",
                                backend("default/good:80", 1, endpoint("10.0.0.1", 8080)),
                                new Backend(
                                    "other/missing:80",
                                    1,
                                    List.of(),
                                    "BackendNotFound: service other/missing not found"))))))));
  }

  static ProxyConfig emptyLists() {
    return new ProxyConfig(
        1,
        "default/bare",
        List.of(
            new Listener("no-hosts", 8081, Protocol.HTTP, List.of()),
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost("http/no-names-no-routes", List.of(), List.of()),
                    new VirtualHost(
                        "http/no-backends",
                        List.of("example.com"),
                        List.of(
                            new Route(
                                "default/none/0/0",
                                RouteMatch.path(new PathMatch(PathMatchType.Exact, "/none")),
                                List.of()),
                            route(
                                "default/no-endpoints/0/0",
                                PathMatchType.PathPrefix,
                                "/empty",
                                backend("default/scaled-to-zero:80", 1))))))));
  }

  /** Valid config whose free-text fields hold quotes, line breaks and non-ASCII: shows escaping. */
  static ProxyConfig escapedValues() {
    return new ProxyConfig(
        1,
        "default/gw\"\nlisteners: []",
        List.of(
            new Listener(
                "http # not a comment",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/*.example.com",
                        List.of("*.example.com"),
                        List.of(
                            route(
                                "caf\u00e9/r\u2028oute/0/0",
                                PathMatchType.PathPrefix,
                                "/a\\b/\"${x}\"/\ud83d\ude00",
                                backend("default/web:80", 1, endpoint("10.0.0.1", 8080)),
                                new Backend(
                                    "other/gone:80",
                                    1,
                                    List.of(),
                                    "BackendNotFound: 'gone'\r\n- injected: true\u0000"))))))));
  }

  /** {@code routes} routes on one host, each with two endpoints: the size later benchmarks use. */
  static ProxyConfig manyRoutes(int routes) {
    List<Route> list = new ArrayList<>(routes);
    for (int i = 0; i < routes; i++) {
      list.add(
          route(
              "team-" + (i % 50) + "/route-" + i + "/0/0",
              i % 2 == 0 ? PathMatchType.PathPrefix : PathMatchType.Exact,
              "/service-" + i + "/api",
              backend(
                  "team-" + (i % 50) + "/svc-" + i + ":8080",
                  1,
                  endpoint(
                      "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256), 8080),
                  endpoint("svc-" + i + ".team.svc.cluster.local", 8443))));
    }
    return new ProxyConfig(
        1,
        "bench/big",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(new VirtualHost("http/big", List.of("big.example.com", "*"), list)))));
  }

  /** Every kind of condition: method, header and query matches, a regular-expression path. */
  static ProxyConfig matchConditions() {
    Backend web = backend("default/web:80", 1, endpoint("10.0.0.1", 8080));
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/example.com",
                        List.of("example.com"),
                        List.of(
                            new Route(
                                "default/web/0/0",
                                new RouteMatch(
                                    new PathMatch(PathMatchType.RegularExpression, "/v[0-9]+/.*"),
                                    "POST",
                                    List.of(
                                        new ValueMatch(ValueMatchType.Exact, "x-env", "canary"),
                                        new ValueMatch(
                                            ValueMatchType.RegularExpression,
                                            "x-build",
                                            "\\d{3}\"|'")),
                                    List.of(new ValueMatch(ValueMatchType.Exact, "q", "a b&c"))),
                                List.of(web)),
                            route("default/web/1/0", PathMatchType.PathPrefix, "/", web)))))));
  }

  /** Header modifiers on a route and a backend, a redirect and a rewrite. */
  static ProxyConfig filters() {
    HeaderModifier request =
        new HeaderModifier(
            List.of(new HeaderValue("X-Set", "a \"quoted\" value")),
            List.of(new HeaderValue("X-Add", "added")),
            List.of("x-remove"));
    Backend web =
        new Backend(
            "default/web:80",
            1,
            List.of(endpoint("10.0.0.1", 8080)),
            null,
            new HeaderModifier(List.of(new HeaderValue("X-Backend", "web")), List.of(), List.of()),
            null);
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/example.com",
                        List.of("example.com"),
                        List.of(
                            new Route(
                                "default/blocked/0/0",
                                RouteMatch.path(new PathMatch(PathMatchType.Exact, "/blocked")),
                                new RouteFilters(
                                    null,
                                    new HeaderModifier(
                                        List.of(new HeaderValue("X-Blocked-By", "lintel")),
                                        List.of(),
                                        List.of()),
                                    null,
                                    null,
                                    List.of(),
                                    null,
                                    new DirectResponse(403, "no \"entry\" <here> & ${there}\n")),
                                List.of()),
                            new Route(
                                "default/web/0/0",
                                RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/old")),
                                new RouteFilters(
                                    null,
                                    null,
                                    new Redirect(
                                        "https",
                                        "example.org",
                                        8443,
                                        new PathModifier(
                                            PathModifierType.ReplacePrefixMatch, "/new"),
                                        301),
                                    null),
                                List.of()),
                            new Route(
                                "default/web/1/0",
                                RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/")),
                                new RouteFilters(
                                    request,
                                    new HeaderModifier(List.of(), List.of(), List.of("server")),
                                    null,
                                    new Rewrite(
                                        "internal.example.com",
                                        new PathModifier(
                                            PathModifierType.ReplaceFullPath, "/index")),
                                    List.of(
                                        new Mirror(
                                            backend(
                                                "default/shadow:80", 1, endpoint("10.0.0.9", 8080)),
                                            1,
                                            4))),
                                new Timeouts(10_000, 2_500),
                                new Retry(List.of(502, 503), 2, 50),
                                new SessionPersistence(
                                    SessionPersistenceType.Cookie, "lintel-session", "/", 3600),
                                List.of(web))))))));
  }

  /** A CORS filter with every list filled and credentials, and one with wildcards and without. */
  static ProxyConfig cors() {
    Cors listed =
        new Cors(
            List.of("https://www.foo.com", "https://*.bar.com", "http://localhost:8080"),
            true,
            List.of("GET", "OPTIONS"),
            List.of("x-header-1", "X-Header-2"),
            List.of("x-header-3"),
            3600);
    Cors wildcards = new Cors(List.of("*"), false, List.of("*"), List.of("*"), List.of(), 5);
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "http",
                8080,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "http/*",
                        List.of(),
                        List.of(
                            new Route(
                                "default/cors/0/0",
                                RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/cors-1")),
                                new RouteFilters(null, null, null, null, listed),
                                List.of(backend("default/web:80", 1, endpoint("10.0.0.1", 8080)))),
                            new Route(
                                "default/cors/1/0",
                                RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/cors-2")),
                                new RouteFilters(null, null, null, null, wildcards),
                                List.of(
                                    backend(
                                        "default/web:80", 1, endpoint("10.0.0.1", 8080))))))))));
  }

  /** Two Gateway listeners on one HTTPS port: one for a wildcard, one for any other host. */
  static ProxyConfig httpsListener() {
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "port-443",
                443,
                Protocol.HTTPS,
                List.of(
                    new VirtualHost(
                        "*.example.com",
                        List.of("*.example.com"),
                        List.of(
                            route(
                                "default/web/0/0",
                                PathMatchType.PathPrefix,
                                "/",
                                backend("default/web:80", 1, endpoint("10.0.0.1", 8080)))))),
                List.of(
                    new TlsEntry(
                        "*.example.com", List.of("default/wildcard-cert", "default/ecdsa-cert")),
                    new TlsEntry(null, List.of("certs/fallback"))))));
  }

  /**
   * Backends spoken to over TLS: one trusting CA bundles and checking subject alternative names
   * while presenting a client certificate, one trusting the system store by its server name.
   */
  static ProxyConfig backendTls() {
    Backend bundles =
        backend("default/secure:443", 1, endpoint("10.0.0.3", 8443))
            .withTls(
                new BackendTls(
                    "secure.example.com",
                    List.of("default/backend-ca", "certs/other-ca"),
                    null,
                    List.of(
                        new SubjectAltName(SubjectAltNameType.Hostname, "*.example.com"),
                        new SubjectAltName(SubjectAltNameType.URI, "spiffe://example.com/web")),
                    "default/gateway-client"));
    Backend system =
        backend("default/public:443", 1, endpoint("10.0.0.4", 443))
            .withTls(
                new BackendTls(
                    "public.example.com",
                    List.of(),
                    WellKnownCaCertificates.System,
                    List.of(),
                    null));
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "port-80",
                80,
                Protocol.HTTP,
                List.of(
                    new VirtualHost(
                        "*",
                        List.of(),
                        List.of(
                            route("default/web/0/0", PathMatchType.PathPrefix, "/", bundles),
                            route(
                                "default/web/1/0",
                                PathMatchType.PathPrefix,
                                "/public",
                                system)))))));
  }

  /**
   * One port shared by an HTTPS listener and a TLS passthrough listener, and a TLS port with a
   * terminating listener.
   */
  static ProxyConfig tlsListeners() {
    return new ProxyConfig(
        1,
        "default/gateway",
        List.of(
            new Listener(
                "port-443",
                443,
                Protocol.HTTPS,
                List.of(),
                List.of(new TlsEntry("*.example.com", List.of("default/wildcard-cert"))),
                null,
                List.of(
                    new TlsListener(
                        "abc.example.com",
                        TlsMode.Passthrough,
                        List.of(),
                        List.of(
                            new TlsRoute(
                                "default/passthrough",
                                List.of("abc.example.com"),
                                List.of(
                                    backend("default/tls:443", 1, endpoint("10.0.0.1", 8443)))))))),
            new Listener(
                "port-8443",
                8443,
                Protocol.TLS,
                List.of(),
                List.of(),
                null,
                List.of(
                    new TlsListener(
                        null,
                        TlsMode.Terminate,
                        List.of("default/mqtt-cert"),
                        List.of(
                            new TlsRoute(
                                "default/mqtt",
                                List.of("*"),
                                List.of(
                                    backend("default/mqtt:1883", 3, endpoint("10.0.0.2", 1883)),
                                    new Backend(
                                        "default/gone:1883", 1, List.of(), "missing")))))))));
  }

  static Route route(String name, PathMatchType type, String path, Backend... backends) {
    return new Route(name, RouteMatch.path(new PathMatch(type, path)), List.of(backends));
  }

  static Backend backend(String name, int weight, Endpoint... endpoints) {
    return new Backend(name, weight, List.of(endpoints), null);
  }

  static Endpoint endpoint(String host, int port) {
    return new Endpoint(host, port);
  }
}
