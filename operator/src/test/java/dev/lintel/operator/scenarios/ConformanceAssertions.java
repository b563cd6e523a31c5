package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The status checks the upstream suite repeats in most tests (its {@code kubernetes} helpers),
 * written against {@link StatusQuery}.
 */
final class ConformanceAssertions {
  /** Upstream's generateAcceptedListenerConditions: the listener serves. */
  private static final List<String> ACCEPTED_LISTENER =
      List.of("Accepted", "ResolvedRefs", "Programmed");

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
    expectCondition(
        status.routeCondition(routeNamespace, route, gatewayNamespace, gateway, type),
        expectedStatus,
        expectedReason,
        "HTTPRoute",
        routeNamespace,
        route);
  }

  /**
   * The BackendTLSPolicy's ancestor entry for the Gateway has a condition of that type, status and
   * (if given) reason, for the policy's current generation.
   */
  void policyCondition(
      String namespace,
      String policy,
      String gatewayNamespace,
      String gateway,
      String type,
      String expectedStatus,
      String expectedReason) {
    expectCondition(
        StatusCondition.find(
            status.policyConditions(namespace, policy, gatewayNamespace, gateway),
            type,
            "BackendTLSPolicy " + namespace + "/" + policy),
        expectedStatus,
        expectedReason,
        "BackendTLSPolicy",
        namespace,
        policy);
  }

  /** The condition has that status and (if given) reason, for the object's current generation. */
  private void expectCondition(
      StatusCondition condition,
      String expectedStatus,
      String expectedReason,
      String kind,
      String namespace,
      String name) {
    expectCondition(
        condition,
        expectedStatus,
        expectedReason,
        status.generation(kind, namespace, name),
        kind + " " + name);
  }

  /** Every condition of the policy's ancestor entry for the Gateway carries its generation. */
  void conditionsAreLatestOfPolicy(
      String namespace, String policy, String gatewayNamespace, String gateway) {
    long generation = status.generation("BackendTLSPolicy", namespace, policy);
    List<StatusCondition> conditions =
        status.policyConditions(namespace, policy, gatewayNamespace, gateway);
    assertThat(conditions).isNotEmpty();
    conditions.forEach(
        condition -> assertLatest(condition, generation, "BackendTLSPolicy " + policy));
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
    expectListener(
        status.listener(namespace, gateway, listenerName),
        status.generation("Gateway", namespace, gateway),
        attachedRoutes,
        supportedKinds,
        typeAndStatus);
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

  /** The listener's Accepted, ResolvedRefs and Programmed are True (upstream's accepted set). */
  void listenerAccepted(String namespace, String gateway, String listenerName) {
    expectAccepted(
        status.listener(namespace, gateway, listenerName),
        status.generation("Gateway", namespace, gateway));
  }

  /**
   * The ListenerSet has a condition of that type, status and (if given) reason, for its current
   * generation.
   */
  void listenerSetCondition(
      String namespace,
      String listenerSet,
      String type,
      String expectedStatus,
      String expectedReason) {
    expectCondition(
        status.condition("ListenerSet", namespace, listenerSet, type),
        expectedStatus,
        expectedReason,
        status.generation("ListenerSet", namespace, listenerSet),
        "ListenerSet " + listenerSet);
  }

  /** Accepted=True (any reason) and Programmed=True with reason Programmed. */
  void listenerSetAccepted(String namespace, String listenerSet) {
    listenerSetCondition(namespace, listenerSet, "Accepted", "True", null);
    listenerSetCondition(namespace, listenerSet, "Programmed", "True", "Programmed");
  }

  /** Accepted=False and Programmed=False, both with reason ListenersNotValid. */
  void listenerSetHasNoValidListeners(String namespace, String listenerSet) {
    listenerSetCondition(namespace, listenerSet, "Accepted", "False", "ListenersNotValid");
    listenerSetCondition(namespace, listenerSet, "Programmed", "False", "ListenersNotValid");
  }

  /**
   * A ListenerSet listener's status: the given attached route count, supported kinds exactly, and
   * the given condition statuses (type, status pairs).
   */
  void listenerSetListener(
      String namespace,
      String listenerSet,
      String listenerName,
      int attachedRoutes,
      List<String> supportedKinds,
      String... typeAndStatus) {
    expectListener(
        status.listenerSetListener(namespace, listenerSet, listenerName),
        status.generation("ListenerSet", namespace, listenerSet),
        attachedRoutes,
        supportedKinds,
        typeAndStatus);
  }

  /** The ListenerSet listener's Accepted, ResolvedRefs and Programmed are True. */
  void listenerSetListenerAccepted(String namespace, String listenerSet, String listenerName) {
    expectAccepted(
        status.listenerSetListener(namespace, listenerSet, listenerName),
        status.generation("ListenerSet", namespace, listenerSet));
  }

  /**
   * The ListenerSet listener lost a hostname conflict: Accepted and Programmed False, Conflicted
   * True, each with reason HostnameConflict.
   */
  void listenerSetListenerConflicted(String namespace, String listenerSet, String listenerName) {
    ListenerState listener = status.listenerSetListener(namespace, listenerSet, listenerName);
    long generation = status.generation("ListenerSet", namespace, listenerSet);
    String where = "listener " + listenerName + " of ListenerSet " + listenerSet;
    expectCondition(listener.condition("Accepted"), "False", "HostnameConflict", generation, where);
    expectCondition(
        listener.condition("Programmed"), "False", "HostnameConflict", generation, where);
    expectCondition(
        listener.condition("Conflicted"), "True", "HostnameConflict", generation, where);
  }

  /** The route's entry for the ListenerSet is Accepted and has ResolvedRefs=True. */
  void routeAcceptedByListenerSet(
      String routeNamespace, String route, String listenerSetNamespace, String listenerSet) {
    routeListenerSetCondition(
        routeNamespace, route, listenerSetNamespace, listenerSet, "Accepted", "True", null);
    routeListenerSetCondition(
        routeNamespace, route, listenerSetNamespace, listenerSet, "ResolvedRefs", "True", null);
  }

  /**
   * The route's entry for the ListenerSet has a condition of that type, status and (if given)
   * reason.
   */
  void routeListenerSetCondition(
      String routeNamespace,
      String route,
      String listenerSetNamespace,
      String listenerSet,
      String type,
      String expectedStatus,
      String expectedReason) {
    StatusCondition condition =
        StatusCondition.find(
            status.routeListenerSetConditions(
                routeNamespace, route, listenerSetNamespace, listenerSet),
            type,
            "HTTPRoute " + route);
    expectCondition(
        condition,
        expectedStatus,
        expectedReason,
        status.generation("HTTPRoute", routeNamespace, route),
        "HTTPRoute " + route + " for ListenerSet " + listenerSet);
  }

  private static void expectListener(
      ListenerState listener,
      long generation,
      int attachedRoutes,
      List<String> supportedKinds,
      String... typeAndStatus) {
    assertThat(listener.attachedRoutes())
        .as("attachedRoutes of listener %s", listener.name())
        .isEqualTo(attachedRoutes);
    assertThat(listener.supportedKinds())
        .as("supportedKinds of listener %s", listener.name())
        .isEqualTo(supportedKinds);
    for (int i = 0; i < typeAndStatus.length; i += 2) {
      expectCondition(
          listener.condition(typeAndStatus[i]),
          typeAndStatus[i + 1],
          null,
          generation,
          "listener " + listener.name());
    }
  }

  private static void expectAccepted(ListenerState listener, long generation) {
    for (String type : ACCEPTED_LISTENER) {
      expectCondition(
          listener.condition(type), "True", null, generation, "listener " + listener.name());
    }
  }

  /** The condition has that status, (if given) reason, and {@code generation}. */
  static void expectCondition(
      StatusCondition condition,
      String expectedStatus,
      String expectedReason,
      long generation,
      String where) {
    assertThat(condition.status())
        .as("%s of %s: %s", condition.type(), where, condition)
        .isEqualTo(expectedStatus);
    if (expectedReason != null) {
      assertThat(condition.reason())
          .as("%s reason of %s", condition.type(), where)
          .isEqualTo(expectedReason);
    }
    assertLatest(condition, generation, where);
  }

  private static void assertLatest(StatusCondition condition, long generation, String where) {
    assertThat(condition.observedGeneration())
        .as("observedGeneration of %s on %s", condition.type(), where)
        .isEqualTo(generation);
  }
}
