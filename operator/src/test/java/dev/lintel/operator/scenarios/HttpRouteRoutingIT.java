package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ConformanceRuntime.WEB_BACKEND;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about where a request goes: attachment, hostnames, listeners, paths
 * and weights. Each method is named after the upstream test's ShortName.
 */
class HttpRouteRoutingIT extends ConformanceTest {
  private static final String V1 = "infra-backend-v1";
  private static final String V2 = "infra-backend-v2";

  @Test
  void HTTPRouteSimpleSameNamespace() {
    conformance.apply("httproute-simple-same-namespace.yaml");
    String route = "gateway-conformance-infra-test";
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, "same-namespace");

    conformance.gateway(INFRA, "same-namespace").expectBackend(get("/"), INFRA, "infra-backend-v1");
  }

  @Test
  void HTTPRouteCrossNamespace() {
    conformance.apply("httproute-cross-namespace.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "backend-namespaces", WEB_BACKEND, "cross-namespace");
    expect.routeResolvedRefs(WEB_BACKEND, "cross-namespace", INFRA, "backend-namespaces");

    conformance
        .gateway(INFRA, "backend-namespaces")
        .expectBackend(get("/"), WEB_BACKEND, "web-backend");
  }

  @Test
  void HTTPExactPathMatching() {
    conformance.apply("httproute-exact-path-matching.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, "exact-matching");
    expect.routeResolvedRefs(INFRA, "exact-matching", INFRA, "same-namespace");

    GatewayClient gateway = conformance.gateway(INFRA, "same-namespace");
    gateway.expectBackend(get("/one"), INFRA, "infra-backend-v1");
    gateway.expectBackend(get("/two"), INFRA, "infra-backend-v2");
    for (String path : List.of("/", "/one/example", "/two/", "/Two")) {
      gateway.expectStatus(get(path), 404);
    }
  }

  @Test
  void HTTPRouteHostnameIntersection() {
    conformance.apply("httproute-hostname-intersection.yaml");
    String gatewayName = "httproute-hostname-intersection";
    List<String> intersecting =
        List.of(
            "specific-host-matches-listener-specific-host",
            "specific-host-matches-listener-wildcard-host",
            "wildcard-host-matches-listener-specific-host",
            "wildcard-host-matches-listener-wildcard-host");
    expect.gatewayAndRoutesAccepted(INFRA, gatewayName, INFRA, intersecting.toArray(String[]::new));
    intersecting.forEach(route -> expect.routeResolvedRefs(INFRA, route, INFRA, gatewayName));

    GatewayClient gateway = conformance.gateway(INFRA, gatewayName);
    // specific-host-matches-listener-specific-host; the port in Host plays no part in matching.
    gateway.expectBackend(get("very.specific.com", "/s1"), INFRA, "infra-backend-v1");
    gateway.expectBackend(get("very.specific.com:1234", "/s1"), INFRA, "infra-backend-v1");
    expect404(gateway, "non.matching.com", "/s1");
    expect404(gateway, "foo.nonmatchingwildcard.io", "/s1");
    expect404(gateway, "foo.wildcard.io", "/s1");
    expect404(gateway, "very.specific.com", "/non-matching-prefix");
    // specific-host-matches-listener-wildcard-host
    for (String host : List.of("foo.wildcard.io", "bar.wildcard.io", "foo.bar.wildcard.io")) {
      gateway.expectBackend(get(host, "/s2"), INFRA, "infra-backend-v2");
    }
    expect404(gateway, "non.matching.com", "/s2");
    expect404(gateway, "wildcard.io", "/s2");
    expect404(gateway, "very.specific.com", "/s2");
    expect404(gateway, "foo.wildcard.io", "/non-matching-prefix");
    // wildcard-host-matches-listener-specific-host
    gateway.expectBackend(get("very.specific.com", "/s3"), INFRA, "infra-backend-v3");
    expect404(gateway, "non.matching.com", "/s3");
    expect404(gateway, "foo.specific.com", "/s3");
    expect404(gateway, "foo.wildcard.io", "/s3");
    expect404(gateway, "very.specific.com", "/non-matching-prefix");
    // wildcard-host-matches-listener-wildcard-host
    for (String host :
        List.of("foo.anotherwildcard.io", "bar.anotherwildcard.io", "foo.bar.anotherwildcard.io")) {
      gateway.expectBackend(get(host, "/s4"), INFRA, "infra-backend-v1");
    }
    expect404(gateway, "anotherwildcard.io", "/s4");
    expect404(gateway, "foo.wildcard.io", "/s4");
    expect404(gateway, "very.specific.com", "/s4");
    expect404(gateway, "foo.anotherwildcard.io", "/non-matching-prefix");

    // A route no listener's hostname intersects is refused and not served.
    expect.routeCondition(
        INFRA,
        "no-intersecting-hosts",
        INFRA,
        gatewayName,
        "Accepted",
        "False",
        "NoMatchingListenerHostname");
    expect404(gateway, "specific.but.wrong.com", "/s5");
    expect404(gateway, "wildcard.io", "/s5");

    // Only accepted routes count in attachedRoutes.
    List<String> httpRoute =
        List.of("gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute");
    expect.listener(
        INFRA, gatewayName, "listener-1", 2, httpRoute, "Accepted", "True", "ResolvedRefs", "True");
    expect.listener(
        INFRA, gatewayName, "listener-2", 1, httpRoute, "Accepted", "True", "ResolvedRefs", "True");
    expect.listener(
        INFRA, gatewayName, "listener-3", 1, httpRoute, "Accepted", "True", "ResolvedRefs", "True");

    // A listener without a hostname serves the route's hostnames as they are.
    String all = "httproute-hostname-intersection-all";
    expect.gatewayAndRoutesAccepted(INFRA, all, INFRA, all);
    expect.routeResolvedRefs(INFRA, all, INFRA, all);
    GatewayClient anyHost = conformance.gateway(INFRA, all);
    for (String host : List.of("first.com", "sub.first.com", "second.com", "sub.second.com")) {
      anyHost.expectBackend(get(host, "/"), INFRA, "infra-backend-v2");
    }
    expect404(anyHost, "third.com", "/");
    expect404(anyHost, "sub.third.com", "/");
  }

  @Test
  void HTTPRouteListenerHostnameMatching() {
    conformance.apply("httproute-listener-hostname-matching.yaml");
    String gatewayName = "httproute-listener-hostname-matching";
    expect.gatewayAndRoutesAccepted(
        INFRA, gatewayName, INFRA, "backend-v1", "backend-v2", "backend-v3");
    for (String route : List.of("backend-v1", "backend-v2", "backend-v3")) {
      expect.routeResolvedRefs(INFRA, route, INFRA, gatewayName);
    }

    GatewayClient gateway = conformance.gateway(INFRA, gatewayName);
    gateway.expectBackend(get("bar.com", "/"), INFRA, "infra-backend-v1");
    gateway.expectBackend(get("foo.bar.com", "/"), INFRA, "infra-backend-v2");
    for (String host :
        List.of(
            "baz.bar.com",
            "boo.bar.com",
            "multiple.prefixes.bar.com",
            "multiple.prefixes.foo.com")) {
      gateway.expectBackend(get(host, "/"), INFRA, "infra-backend-v3");
    }
    expect404(gateway, "foo.com", "/");
    expect404(gateway, "no.matching.host", "/");
  }

  @Test
  void HTTPRouteListenerPortMatching() {
    conformance.apply("httproute-listener-port-matching.yaml");
    String gatewayName = "httproute-listener-port-matching";
    expect.gatewayAndRoutesAccepted(
        INFRA, gatewayName, INFRA, "backend-v1", "backend-v2", "backend-v3");
    for (String route : List.of("backend-v1", "backend-v2", "backend-v3")) {
      expect.routeResolvedRefs(INFRA, route, INFRA, gatewayName);
    }

    conformance
        .gateway(INFRA, gatewayName, 80)
        .expectBackend(get("foo.com", "/"), INFRA, "infra-backend-v1");
    GatewayClient port8080 = conformance.gateway(INFRA, gatewayName, 8080);
    port8080.expectBackend(get("foo.com:8080", "/"), INFRA, "infra-backend-v2");
    port8080.expectBackend(get("bar.com:8080", "/"), INFRA, "infra-backend-v2");
    GatewayClient port8090 = conformance.gateway(INFRA, gatewayName, 8090);
    port8090.expectBackend(get("foo.com:8090", "/"), INFRA, "infra-backend-v3");
    expect404(port8090, "bar.com:8090", "/");
  }

  @Test
  void GatewayHTTPListenerIsolation() {
    conformance.apply("gateway-http-listener-isolation.yaml");
    for (String suffix : List.of("", "-with-hostname-intersection")) {
      String gatewayName = "http-listener-isolation" + suffix;
      List<String> listeners =
          List.of(
              "empty-hostname",
              "wildcard-example-com",
              "wildcard-foo-example-com",
              "abc-foo-example-com");
      List<String> routes = listeners.stream().map(l -> "attaches-to-" + l + suffix).toList();
      expect.gatewayAndRoutesAccepted(INFRA, gatewayName, INFRA, routes.toArray(String[]::new));
      routes.forEach(route -> expect.routeResolvedRefs(INFRA, route, INFRA, gatewayName));

      // Each host reaches the most specific listener matching it, and only that listener's route.
      Map<String, String> listenerOfHost = new TreeMap<>();
      listenerOfHost.put("bar.com", "empty-hostname");
      listenerOfHost.put("bar.example.com", "wildcard-example-com");
      listenerOfHost.put("bar.foo.example.com", "wildcard-foo-example-com");
      listenerOfHost.put("abc.foo.example.com", "abc-foo-example-com");
      GatewayClient gateway = conformance.gateway(INFRA, gatewayName);
      listenerOfHost.forEach(
          (host, listener) -> {
            for (String path : listeners) {
              if (path.equals(listener)) {
                gateway.expectBackend(get(host, "/" + path), INFRA, "infra-backend-v1");
              } else {
                expect404(gateway, host, "/" + path);
              }
            }
          });
    }
  }

  @Test
  void HTTPRouteWeight() {
    conformance.apply("httproute-weight.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, "weighted-backends");
    expect.routeResolvedRefs(INFRA, "weighted-backends", INFRA, "same-namespace");

    GatewayClient gateway = conformance.gateway(INFRA, "same-namespace");
    // Backends are picked at random: like upstream, accept the first of several rounds of 500
    // requests that lands within 5 points of every weight.
    List<Map<String, Integer>> rounds = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      Map<String, Integer> seen = new TreeMap<>();
      for (int i = 0; i < 500; i++) {
        EchoedRequest echoed = gateway.expectStatus(get("/"), 200).echo();
        assertThat(echoed.namespace()).isEqualTo(INFRA);
        seen.merge(echoed.backend(), 1, Integer::sum);
      }
      rounds.add(seen);
      if (withinTolerance(seen)) {
        return;
      }
    }
    throw new AssertionError("no round within 5 points of 70/30/0: " + rounds);
  }

  @Test
  void HTTPRouteAllBackendsWeightZero() {
    conformance.apply("httproute-all-backends-weight-zero.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, "all-backends-weight-zero");
    expect.routeResolvedRefs(INFRA, "all-backends-weight-zero", INFRA, "same-namespace");

    conformance.gateway(INFRA, "same-namespace").expectStatus(get("/"), 500);
  }

  @Test
  void HTTPRouteServiceTypes() {
    conformance.apply("httproute-service-types.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, "service-types");
    expect.routeResolvedRefs(INFRA, "service-types", INFRA, "same-namespace");

    GatewayClient gateway = conformance.gateway(INFRA, "same-namespace");
    for (String service :
        List.of(
            "headless",
            "manual-endpoints",
            "headless-manual-endpoints",
            "manual-endpointslices",
            "headless-manual-endpointslices")) {
      gateway.expectBackend(get("/" + service), INFRA, "infra-backend-v1");
    }
  }

  @Test
  void HTTPRoutePathMatchOrder() {
    conformance.apply("httproute-path-match-order.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, "path-matching-order");
    expect.routeResolvedRefs(INFRA, "path-matching-order", INFRA, "same-namespace");

    GatewayClient gateway = conformance.gateway(INFRA, "same-namespace");
    gateway.expectBackend(get("/match/exact/one"), INFRA, "infra-backend-v3");
    gateway.expectBackend(get("/match/exact"), INFRA, "infra-backend-v2");
    gateway.expectBackend(get("/match"), INFRA, "infra-backend-v1");
    gateway.expectBackend(get("/match/prefix/one/any"), INFRA, "infra-backend-v2");
    gateway.expectBackend(get("/match/prefix/any"), INFRA, "infra-backend-v1");
    gateway.expectBackend(get("/match/any"), INFRA, "infra-backend-v3");
  }

  @Test
  void HTTPRouteNamedRule() {
    conformance.apply("httproute-named-rule.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, "http-named-rules");
    expect.routeResolvedRefs(INFRA, "http-named-rules", INFRA, "same-namespace");

    GatewayClient gateway = conformance.gateway(INFRA, "same-namespace");
    gateway.expectBackend(get("/named"), INFRA, "infra-backend-v1");
    gateway.expectBackend(get("/unnamed"), INFRA, "infra-backend-v2");
  }

  private static boolean withinTolerance(Map<String, Integer> seen) {
    Map<String, Double> weights =
        Map.of("infra-backend-v1", 0.7, "infra-backend-v2", 0.3, "infra-backend-v3", 0.0);
    if (!weights.keySet().containsAll(seen.keySet())) {
      throw new AssertionError("requests reached unexpected backends: " + seen);
    }
    assertThat(seen).as("a weight of 0 receives nothing").doesNotContainKey("infra-backend-v3");
    return weights.entrySet().stream()
        .allMatch(
            weight ->
                Math.abs(seen.getOrDefault(weight.getKey(), 0) / 500.0 - weight.getValue())
                    <= 0.05);
  }

  @Test
  void HTTPRouteMultipleRoutesAttachmentSameHostnameIntersection() {
    String base = "httproute-multiple-routes-attachment-same-hostname-intersection";
    conformance.apply(base + ".yaml");
    String exactGateway = "gw-httproute-exact-hostname-x";
    String wildcardGateway = "gw-httproute-wc-hostname-x";
    expect.gatewayAndRoutesAccepted(INFRA, exactGateway, INFRA, "httproute-wc-hostname-x-older");
    expect.gatewayAndRoutesAccepted(
        INFRA, wildcardGateway, INFRA, "httproute-less-specific-wc-hostname-x-older");
    conformance.gateway(INFRA, exactGateway).expectBackend(get("abc.example.com", "/"), INFRA, V1);

    conformance.apply(base + "-newer.yaml");
    for (String route :
        List.of("httproute-wc-hostname-x-older", "httproute-exact-hostname-x-newer")) {
      expect.routeResolvedRefs(INFRA, route, INFRA, exactGateway);
    }
    for (String route :
        List.of(
            "httproute-less-specific-wc-hostname-x-older",
            "httproute-more-specific-wc-hostname-x-newer")) {
      expect.routeResolvedRefs(INFRA, route, INFRA, wildcardGateway);
    }
    // The route naming the host itself (or the nearer wildcard) wins although it is newer.
    conformance.gateway(INFRA, exactGateway).expectBackend(get("abc.example.com", "/"), INFRA, V2);
    conformance
        .gateway(INFRA, wildcardGateway)
        .expectBackend(get("abc.example.com", "/"), INFRA, V2);
  }

  private static void expect404(GatewayClient gateway, String host, String path) {
    gateway.expectStatus(get(host, path), 404);
  }
}
