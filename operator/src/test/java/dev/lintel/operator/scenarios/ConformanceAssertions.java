package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The status checks the upstream suite repeats in most tests (its {@code kubernetes} helpers),
 * written against {@link StatusQuery}.
 */
final class ConformanceAssertions {
  private final StatusQuery status;

  ConformanceAssertions(StatusQuery status) {
    this.status = status;
  }

  /**
   * The Gateway is Accepted and Programmed for its current generation, and each route's entry for
   * it is Accepted.
   */
  void gatewayAndRoutesAccepted(
      String gatewayNamespace, String gateway, String routeNamespace, String... routes) {
    gatewayAccepted(gatewayNamespace, gateway);
    for (String route : routes) {
      StatusCondition accepted =
          status.routeCondition(routeNamespace, route, gatewayNamespace, gateway, "Accepted");
      assertThat(accepted.status())
          .as("Accepted of HTTPRoute %s: %s", route, accepted)
          .isEqualTo("True");
      assertLatest(
          accepted, status.generation("HTTPRoute", routeNamespace, route), "HTTPRoute " + route);
    }
  }

  void gatewayAccepted(String namespace, String gateway) {
    long generation = status.generation("Gateway", namespace, gateway);
    for (String type : List.of("Accepted", "Programmed")) {
      StatusCondition condition = status.gatewayCondition(namespace, gateway, type);
      assertThat(condition.status())
          .as("%s of Gateway %s: %s", type, gateway, condition)
          .isEqualTo("True");
      assertLatest(condition, generation, "Gateway " + gateway);
    }
  }

  /** The route's entry for the Gateway has ResolvedRefs=True. */
  void routeResolvedRefs(
      String routeNamespace, String route, String gatewayNamespace, String gateway) {
    routeCondition(routeNamespace, route, gatewayNamespace, gateway, "ResolvedRefs", "True", null);
  }

  /**
   * The route's entry for the Gateway has a condition of that type, status and (if given) reason.
   */
  void routeCondition(
      String routeNamespace,
      String route,
      String gatewayNamespace,
      String gateway,
      String type,
      String expectedStatus,
      String expectedReason) {
    StatusCondition condition =
        status.routeCondition(routeNamespace, route, gatewayNamespace, gateway, type);
    assertThat(condition.status())
        .as("%s of HTTPRoute %s: %s", type, route, condition)
        .isEqualTo(expectedStatus);
    if (expectedReason != null) {
      assertThat(condition.reason())
          .as("%s reason of HTTPRoute %s", type, route)
          .isEqualTo(expectedReason);
    }
    assertLatest(
        condition, status.generation("HTTPRoute", routeNamespace, route), "HTTPRoute " + route);
  }

  /** No parent entry of Lintel's says the route is accepted. */
  void routeHasNoAcceptedParents(String routeNamespace, String route) {
    for (JsonNode parent : status.routeParents(routeNamespace, route)) {
      for (StatusCondition condition : StatusCondition.listOf(parent.path("conditions"))) {
        if (condition.type().equals("Accepted")) {
          assertThat(condition.isTrue())
              .as("Accepted of HTTPRoute %s for %s", route, parent.path("parentRef"))
              .isFalse();
        }
      }
    }
  }

  /** Every listener of the Gateway counts zero attached routes. */
  void gatewayHasZeroRoutes(String namespace, String gateway) {
    List<ListenerState> listeners = status.listeners(namespace, gateway);
    assertThat(listeners).isNotEmpty();
    assertThat(listeners)
        .allSatisfy(
            listener ->
                assertThat(listener.attachedRoutes())
                    .as("attachedRoutes of %s", listener.name())
                    .isZero());
  }

  /**
   * A listener's status: its name, the given attached route count, supported kinds exactly, and the
   * given condition statuses (type, status pairs).
   */
  void listener(
      String namespace,
      String gateway,
      String listenerName,
      int attachedRoutes,
      List<String> supportedKinds,
      String... typeAndStatus) {
    ListenerState listener = status.listener(namespace, gateway, listenerName);
    assertThat(listener.attachedRoutes())
        .as("attachedRoutes of listener %s", listenerName)
        .isEqualTo(attachedRoutes);
    assertThat(listener.supportedKinds())
        .as("supportedKinds of listener %s", listenerName)
        .isEqualTo(supportedKinds);
    long generation = status.generation("Gateway", namespace, gateway);
    for (int i = 0; i < typeAndStatus.length; i += 2) {
      StatusCondition condition = listener.condition(typeAndStatus[i]);
      assertThat(condition.status())
          .as("%s of listener %s: %s", typeAndStatus[i], listenerName, condition)
          .isEqualTo(typeAndStatus[i + 1]);
      assertLatest(condition, generation, "listener " + listenerName);
    }
  }

  /**
   * Every condition of the object carries its current generation (upstream: "latest conditions").
   */
  void conditionsAreLatest(String kind, String namespace, String name) {
    long generation = status.generation(kind, namespace, name);
    List<StatusCondition> conditions = status.conditions(kind, namespace, name);
    assertThat(conditions).isNotEmpty();
    conditions.forEach(condition -> assertLatest(condition, generation, kind + " " + name));
  }

  private static void assertLatest(StatusCondition condition, long generation, String where) {
    assertThat(condition.observedGeneration())
        .as("observedGeneration of %s on %s", condition.type(), where)
        .isEqualTo(generation);
  }
}
