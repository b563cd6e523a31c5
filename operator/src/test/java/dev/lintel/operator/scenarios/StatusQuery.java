package dev.lintel.operator.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.operator.standalone.StandaloneRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the status standalone mode reports for every object (what {@code GET /status} on the admin
 * port serves), in the terms the upstream suite checks: a route's parent entry for one Gateway, a
 * Gateway's conditions and listeners, a GatewayClass's conditions.
 */
final class StatusQuery {
  static final String CONTROLLER_NAME = "lintel.dev/gateway-controller";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StandaloneRuntime runtime;

  StatusQuery(StandaloneRuntime runtime) {
    this.runtime = runtime;
  }

  /** The object as listed, or empty when standalone mode has not loaded it. */
  Optional<JsonNode> find(String kind, String namespace, String name) {
    for (Map<String, Object> object : runtime.view().objects()) {
      JsonNode node = JSON.valueToTree(object);
      JsonNode metadata = node.path("metadata");
      if (kind.equals(node.path("kind").asText())
          && name.equals(metadata.path("name").asText())
          && Objects.equals(namespace, metadata.path("namespace").textValue())) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  JsonNode object(String kind, String namespace, String name) {
    return find(kind, namespace, name)
        .orElseThrow(
            () -> new AssertionError(kind + " " + namespace + "/" + name + " is not loaded"));
  }

  long generation(String kind, String namespace, String name) {
    return object(kind, namespace, name).path("metadata").path("generation").asLong();
  }

  /** {@code status.conditions} of a GatewayClass ({@code namespace} null) or Gateway. */
  List<StatusCondition> conditions(String kind, String namespace, String name) {
    return StatusCondition.listOf(object(kind, namespace, name).path("status").path("conditions"));
  }

  StatusCondition condition(String kind, String namespace, String name, String type) {
    return StatusCondition.find(
        conditions(kind, namespace, name), type, kind + " " + namespace + "/" + name);
  }

  StatusCondition gatewayCondition(String namespace, String gateway, String type) {
    return condition("Gateway", namespace, gateway, type);
  }

  List<ListenerState> listeners(String namespace, String gateway) {
    return listenersOf("Gateway", namespace, gateway);
  }

  ListenerState listener(String namespace, String gateway, String listenerName) {
    return listenerOf("Gateway", namespace, gateway, listenerName);
  }

  /** The entries of {@code status.listeners} of a Gateway or ListenerSet. */
  private List<ListenerState> listenersOf(String kind, String namespace, String name) {
    List<ListenerState> result = new ArrayList<>();
    object(kind, namespace, name)
        .path("status")
        .path("listeners")
        .forEach(listener -> result.add(ListenerState.of(listener)));
    return List.copyOf(result);
  }

  private ListenerState listenerOf(
      String kind, String namespace, String name, String listenerName) {
    return listenersOf(kind, namespace, name).stream()
        .filter(listener -> listener.name().equals(listenerName))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    kind + " " + namespace + "/" + name + " has no listener " + listenerName));
  }

  ListenerState listenerSetListener(String namespace, String listenerSet, String listenerName) {
    return listenerOf("ListenerSet", namespace, listenerSet, listenerName);
  }

  /**
   * A Gateway's {@code status.attachedListenerSets}; 0 when absent, as the upstream suite reads it.
   */
  int attachedListenerSets(String namespace, String gateway) {
    return object("Gateway", namespace, gateway)
        .path("status")
        .path("attachedListenerSets")
        .asInt(0);
  }

  /** The first IP in the Gateway's {@code status.addresses}. */
  String address(String namespace, String gateway) {
    JsonNode addresses = object("Gateway", namespace, gateway).path("status").path("addresses");
    if (addresses.isEmpty()) {
      throw new AssertionError("Gateway " + namespace + "/" + gateway + " has no address yet");
    }
    return addresses.get(0).path("value").asText();
  }

  /** Every {@code status.parents} entry of the HTTPRoute written by Lintel's controller. */
  List<JsonNode> routeParents(String namespace, String route) {
    return routeParents("HTTPRoute", namespace, route);
  }

  /** Every {@code status.parents} entry of a route of {@code kind} written by Lintel. */
  List<JsonNode> routeParents(String kind, String namespace, String route) {
    List<JsonNode> result = new ArrayList<>();
    object(kind, namespace, route)
        .path("status")
        .path("parents")
        .forEach(
            parent -> {
              if (CONTROLLER_NAME.equals(parent.path("controllerName").asText())) {
                result.add(parent);
              }
            });
    return List.copyOf(result);
  }

  /** The conditions of the route's parent entry for one Gateway; fails when there is none. */
  List<StatusCondition> routeConditions(
      String namespace, String route, String gatewayNamespace, String gateway) {
    return parentConditions("HTTPRoute", namespace, route, null, gatewayNamespace, gateway);
  }

  /** The conditions of the route's parent entry for one ListenerSet; fails when there is none. */
  List<StatusCondition> routeListenerSetConditions(
      String namespace, String route, String listenerSetNamespace, String listenerSet) {
    return parentConditions(
        "HTTPRoute", namespace, route, "ListenerSet", listenerSetNamespace, listenerSet);
  }

  /** The parent entry naming {@code parentKind} (any kind when null), namespace and name. */
  private List<StatusCondition> parentConditions(
      String routeKind,
      String namespace,
      String route,
      String parentKind,
      String parentNamespace,
      String parent) {
    for (JsonNode entry : routeParents(routeKind, namespace, route)) {
      JsonNode ref = entry.path("parentRef");
      String refNamespace =
          ref.path("namespace").isTextual() ? ref.path("namespace").asText() : namespace;
      if ((parentKind == null || parentKind.equals(ref.path("kind").asText()))
          && parent.equals(ref.path("name").asText())
          && parentNamespace.equals(refNamespace)) {
        return StatusCondition.listOf(entry.path("conditions"));
      }
    }
    throw new AssertionError(
        routeKind
            + " "
            + namespace
            + "/"
            + route
            + " has no parent entry for "
            + (parentKind == null ? "" : parentKind + " ")
            + parentNamespace
            + "/"
            + parent
            + ": "
            + routeParents(routeKind, namespace, route));
  }

  StatusCondition routeCondition(
      String namespace, String route, String gatewayNamespace, String gateway, String type) {
    return StatusCondition.find(
        routeConditions(namespace, route, gatewayNamespace, gateway),
        type,
        "HTTPRoute " + namespace + "/" + route);
  }

  /** The conditions of a BackendTLSPolicy's ancestor entry for one Gateway; fails without one. */
  List<StatusCondition> policyConditions(
      String namespace, String policy, String gatewayNamespace, String gateway) {
    JsonNode ancestors =
        object("BackendTLSPolicy", namespace, policy).path("status").path("ancestors");
    for (JsonNode entry : ancestors) {
      JsonNode ref = entry.path("ancestorRef");
      String refNamespace =
          ref.path("namespace").isTextual() ? ref.path("namespace").asText() : namespace;
      if (CONTROLLER_NAME.equals(entry.path("controllerName").asText())
          && "Gateway".equals(ref.path("kind").asText())
          && gateway.equals(ref.path("name").asText())
          && gatewayNamespace.equals(refNamespace)) {
        return StatusCondition.listOf(entry.path("conditions"));
      }
    }
    throw new AssertionError(
        "BackendTLSPolicy "
            + namespace
            + "/"
            + policy
            + " has no ancestor entry for Gateway "
            + gatewayNamespace
            + "/"
            + gateway
            + ": "
            + ancestors);
  }

  /** A condition of a TLSRoute's parent entry for one Gateway; fails when there is none. */
  StatusCondition tlsRouteCondition(
      String namespace, String route, String gatewayNamespace, String gateway, String type) {
    return StatusCondition.find(
        parentConditions("TLSRoute", namespace, route, null, gatewayNamespace, gateway),
        type,
        "TLSRoute " + namespace + "/" + route);
  }
}
