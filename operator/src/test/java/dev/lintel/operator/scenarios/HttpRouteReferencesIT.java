package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.APP_BACKEND;
import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ConformanceRuntime.WEB_BACKEND;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;

import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about references that do not resolve or are not allowed: backends
 * (missing, unknown kind, other namespace without or with a ReferenceGrant) and parents (other
 * namespace, sectionName, port). Each method is named after the upstream test's ShortName.
 */
class HttpRouteReferencesIT extends ConformanceTest {
  private static final String SAME_NAMESPACE = "same-namespace";

  @Test
  void HTTPRouteInvalidNonExistentBackendRef() {
    conformance.apply("httproute-invalid-nonexistent-backendref.yaml");
    String route = "invalid-nonexistent-backend-ref";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", "BackendNotFound");

    conformance.gateway(INFRA, SAME_NAMESPACE).expectStatus(get("/"), 500);
  }

  @Test
  void HTTPRouteInvalidBackendRefUnknownKind() {
    conformance.apply("httproute-invalid-backendref-unknown-kind.yaml");
    String route = "invalid-backend-ref-unknown-kind";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", "InvalidKind");

    conformance.gateway(INFRA, SAME_NAMESPACE).expectStatus(get("/v2"), 500);
  }

  @Test
  void HTTPRouteInvalidCrossNamespaceBackendRef() {
    conformance.apply("httproute-invalid-cross-namespace-backend-ref.yaml");
    String route = "invalid-cross-namespace-backend-ref";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", "RefNotPermitted");

    conformance.gateway(INFRA, SAME_NAMESPACE).expectStatus(get("/"), 500);
  }

  @Test
  void HTTPRouteInvalidReferenceGrant() {
    conformance.apply("httproute-invalid-reference-grant.yaml");
    String route = "reference-grant";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", "RefNotPermitted");

    conformance.gateway(INFRA, SAME_NAMESPACE).expectStatus(get("/"), 500);
  }

  @Test
  void HTTPRoutePartiallyInvalidViaInvalidReferenceGrant() {
    conformance.apply("httproute-partially-invalid-via-reference-grant.yaml");
    String route = "invalid-reference-grant";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", "RefNotPermitted");

    GatewayClient gateway = conformance.gateway(INFRA, SAME_NAMESPACE);
    gateway.expectStatus(get("/v2"), 500);
    gateway.expectBackend(get("/"), APP_BACKEND, "app-backend-v1");
  }

  @Test
  void HTTPRouteReferenceGrant() {
    conformance.apply("httproute-reference-grant.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, "reference-grant");
    expect.routeResolvedRefs(INFRA, "reference-grant", INFRA, SAME_NAMESPACE);

    conformance.gateway(INFRA, SAME_NAMESPACE).expectBackend(get("/"), WEB_BACKEND, "web-backend");
  }

  @Test
  void HTTPRouteInvalidCrossNamespaceParentRef() {
    conformance.apply("httproute-invalid-cross-namespace-parent-ref.yaml");
    String route = "invalid-cross-namespace-parent-ref";
    expect.routeResolvedRefs(WEB_BACKEND, route, INFRA, SAME_NAMESPACE);
    expect.routeCondition(
        WEB_BACKEND, route, INFRA, SAME_NAMESPACE, "Accepted", "False", "NotAllowedByListeners");
    expect.routeHasNoAcceptedParents(WEB_BACKEND, route);
    expect.gatewayHasZeroRoutes(INFRA, SAME_NAMESPACE);
  }

  @Test
  void HTTPRouteInvalidParentRefNotMatchingListenerPort() {
    conformance.apply("httproute-invalid-parentref-not-matching-listener-port.yaml");
    expectNoMatchingParent("httproute-listener-not-matching-route-port");
  }

  @Test
  void HTTPRouteInvalidParentRefNotMatchingSectionName() {
    conformance.apply("httproute-invalid-parentref-not-matching-section-name.yaml");
    expectNoMatchingParent("httproute-listener-not-matching-section-name");
  }

  @Test
  void HTTPRouteInvalidParentRefSectionNameNotMatchingPort() {
    conformance.apply("httproute-invalid-parentref-section-name-not-matching-port.yaml");
    expectNoMatchingParent("httproute-listener-section-name-not-matching-port");
  }

  /** What the three parentRef tests assert: refused as NoMatchingParent, attached nowhere. */
  private static void expectNoMatchingParent(String route) {
    expect.routeResolvedRefs(INFRA, route, INFRA, SAME_NAMESPACE);
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "Accepted", "False", "NoMatchingParent");
    expect.routeHasNoAcceptedParents(INFRA, route);
    expect.gatewayHasZeroRoutes(INFRA, SAME_NAMESPACE);
  }
}
