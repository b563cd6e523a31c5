package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;

import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about which rule a request matches: header, method and query parameter
 * matches, alone, combined and ranked against each other and against paths, within one route and
 * across routes. Each method is named after the upstream test's ShortName.
 */
class HttpRouteMatchingIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String V1 = "infra-backend-v1";
  private static final String V2 = "infra-backend-v2";
  private static final String V3 = "infra-backend-v3";

  @Test
  void HTTPRouteMatching() {
    GatewayClient gateway = applyAndAccept("httproute-matching.yaml", "matching");
    gateway.expectBackend(get("/"), INFRA, V1);
    gateway.expectBackend(get("/example"), INFRA, V1);
    gateway.expectBackend(get("/").withHeader("Version", "one"), INFRA, V1);
    gateway.expectBackend(get("/v2"), INFRA, V2);
    gateway.expectBackend(get("/v2/example"), INFRA, V2);
    gateway.expectBackend(get("/").withHeader("Version", "two"), INFRA, V2);
  }

  @Test
  void HTTPRouteHeaderMatching() {
    GatewayClient gateway = applyAndAccept("httproute-header-matching.yaml", "header-matching");
    gateway.expectBackend(get("/").withHeader("Version", "one"), INFRA, V1);
    gateway.expectBackend(get("/").withHeader("Version", "two"), INFRA, V2);
    // Two header matches outrank one.
    gateway.expectBackend(
        get("/").withHeader("Version", "two").withHeader("Color", "orange"), INFRA, V1);
    // One header match each: the earlier rule wins.
    gateway.expectBackend(
        get("/").withHeader("Version", "two").withHeader("Color", "blue"), INFRA, V2);
    gateway.expectStatus(get("/").withHeader("Color", "orange"), 404);
    gateway.expectStatus(get("/").withHeader("Some-Other-Header", "one"), 404);
    gateway.expectBackend(get("/").withHeader("Color", "blue"), INFRA, V1);
    gateway.expectBackend(get("/").withHeader("Color", "green"), INFRA, V1);
    gateway.expectBackend(get("/").withHeader("Color", "red"), INFRA, V2);
    gateway.expectBackend(get("/").withHeader("Color", "yellow"), INFRA, V2);
    gateway.expectStatus(get("/").withHeader("Color", "purple"), 404);
  }

  @Test
  void HTTPRouteMatchingAcrossRoutes() {
    conformance.apply("httproute-matching-across-routes.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, "matching-part1", "matching-part2");
    expect.routeResolvedRefs(INFRA, "matching-part1", INFRA, GATEWAY);
    expect.routeResolvedRefs(INFRA, "matching-part2", INFRA, GATEWAY);

    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);
    gateway.expectBackend(get("example.com", "/"), INFRA, V1);
    gateway.expectBackend(get("example.com", "/example"), INFRA, V1);
    gateway.expectBackend(get("example.net", "/example"), INFRA, V1);
    gateway.expectBackend(get("example.com", "/example").withHeader("Version", "one"), INFRA, V1);
    gateway.expectBackend(get("example.com", "/v2"), INFRA, V2);
    // The /v2 match belongs to the route for *.com only.
    gateway.expectBackend(get("example.net", "/v2"), INFRA, V1);
    gateway.expectBackend(get("example.com", "/v2/example"), INFRA, V2);
    gateway.expectBackend(get("example.com", "/").withHeader("Version", "two"), INFRA, V2);
  }

  @Test
  void HTTPRouteMethodMatching() {
    GatewayClient gateway = applyAndAccept("httproute-method-matching.yaml", "method-matching");
    gateway.expectBackend(get("/").withMethod("POST"), INFRA, V1);
    gateway.expectBackend(get("/"), INFRA, V2);
    gateway.expectStatus(get("/").withMethod("HEAD"), 404);
    // Combined with path and header matches.
    gateway.expectBackend(get("/path1"), INFRA, V1);
    gateway.expectBackend(get("/").withHeader("version", "one").withMethod("PUT"), INFRA, V2);
    gateway.expectBackend(get("/path2").withHeader("version", "two").withMethod("POST"), INFRA, V3);
    // Matches are ORed: either one is enough.
    gateway.expectBackend(get("/path3").withMethod("PATCH"), INFRA, V1);
    gateway.expectBackend(
        get("/path4").withHeader("version", "three").withMethod("DELETE"), INFRA, V1);
    // Conditions within a match are ANDed: a subset is not enough.
    gateway.expectStatus(get("/").withMethod("PUT"), 404);
    gateway.expectStatus(get("/path4").withMethod("DELETE"), 404);
    // A longer path outranks a method, a method outranks a header.
    gateway.expectBackend(get("/path5").withMethod("PATCH"), INFRA, V1);
    gateway.expectBackend(get("/").withHeader("version", "four").withMethod("PATCH"), INFRA, V2);
  }

  @Test
  void HTTPRouteQueryParamMatching() {
    GatewayClient gateway =
        applyAndAccept("httproute-query-param-matching.yaml", "query-param-matching");
    gateway.expectBackend(get("/?animal=whale"), INFRA, V1);
    gateway.expectBackend(get("/?animal=dolphin"), INFRA, V2);
    // Two query matches outrank one; names and values are case-sensitive.
    gateway.expectBackend(get("/?animal=dolphin&color=blue"), INFRA, V3);
    gateway.expectBackend(get("/?ANIMAL=Whale"), INFRA, V3);
    gateway.expectBackend(get("/?animal=whale&otherparam=irrelevant"), INFRA, V1);
    gateway.expectBackend(get("/?animal=dolphin&color=yellow"), INFRA, V2);
    gateway.expectStatus(get("/?color=blue"), 404);
    gateway.expectStatus(get("/?animal=dog"), 404);
    gateway.expectStatus(get("/?animal=whaledolphin"), 404);
    gateway.expectStatus(get("/"), 404);
    // Combined with path and header matches.
    gateway.expectBackend(get("/path1?animal=whale"), INFRA, V1);
    gateway.expectBackend(get("/?animal=whale").withHeader("version", "one"), INFRA, V2);
    gateway.expectBackend(get("/path2?animal=whale").withHeader("version", "two"), INFRA, V3);
    // Matches are ORed: either one is enough.
    gateway.expectBackend(get("/path3?animal=shark"), INFRA, V1);
    gateway.expectBackend(get("/path4?animal=kraken").withHeader("version", "three"), INFRA, V1);
    // Conditions within a match are ANDed: a subset is not enough.
    gateway.expectStatus(get("/?animal=shark"), 404);
    gateway.expectStatus(get("/path4?animal=kraken"), 404);
    // A longer path outranks a query match, a header match outranks a query match.
    gateway.expectBackend(get("/path5?animal=hydra"), INFRA, V1);
    gateway.expectBackend(get("/?animal=hydra").withHeader("version", "four"), INFRA, V3);
  }

  /** Applies one route's manifest, checks it is accepted with resolved refs, returns a client. */
  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
