package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The upstream suite's TLSRoute status checks ({@code TLSRouteMustHave...}), on standalone mode.
 */
final class TlsRouteAssertions {
  private final StatusQuery status;
  private final ConformanceAssertions gateways;

  TlsRouteAssertions(StatusQuery status, ConformanceAssertions gateways) {
    this.status = status;
    this.gateways = gateways;
  }

  /** The Gateway is Accepted and Programmed, and each route's entry for it is Accepted. */
  void gatewayAndRoutesAccepted(
      String namespace, String gateway, String routeNamespace, String... routes) {
    gateways.gatewayAccepted(namespace, gateway);
    for (String route : routes) {
      condition(routeNamespace, route, namespace, gateway, "Accepted", "True", null);
    }
  }

  /** The route's entry for the Gateway is Accepted and has ResolvedRefs=True. */
  void routeAcceptedAndResolved(
      String routeNamespace, String route, String gatewayNamespace, String gateway) {
    condition(routeNamespace, route, gatewayNamespace, gateway, "Accepted", "True", null);
    condition(routeNamespace, route, gatewayNamespace, gateway, "ResolvedRefs", "True", null);
  }

  /**
   * The route's entry for the Gateway has a condition of that type, status and (if given) reason,
   * for the route's current generation.
   */
  void condition(
      String routeNamespace,
      String route,
      String gatewayNamespace,
      String gateway,
      String type,
      String expectedStatus,
      String expectedReason) {
    ConformanceAssertions.expectCondition(
        status.tlsRouteCondition(routeNamespace, route, gatewayNamespace, gateway, type),
        expectedStatus,
        expectedReason,
        status.generation("TLSRoute", routeNamespace, route),
        "TLSRoute " + route);
  }

  /** No parent entry of Lintel's says the route is accepted. */
  void routeHasNoAcceptedParents(String routeNamespace, String route) {
    List<JsonNode> parents = status.routeParents("TLSRoute", routeNamespace, route);
    assertThat(parents).as("status.parents of TLSRoute %s", route).isNotEmpty();
    for (JsonNode parent : parents) {
      for (StatusCondition condition : StatusCondition.listOf(parent.path("conditions"))) {
        if (condition.type().equals("Accepted")) {
          assertThat(condition.isTrue())
              .as("Accepted of TLSRoute %s for %s", route, parent.path("parentRef"))
              .isFalse();
        }
      }
    }
  }
}
