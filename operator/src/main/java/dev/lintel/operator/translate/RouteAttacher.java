package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which listeners of a Gateway one parentRef of a route (HTTPRoute, GRPCRoute, TLSRoute)
 * attaches to, and under which effective hostnames. The checks run in the order the spec's reasons
 * imply: the parentRef must select a listener (sectionName, port), the listener must allow the
 * route (kind, namespace), and their hostnames must intersect.
 */
final class RouteAttacher {
  /**
   * A listener the route attaches to, with the hostnames it serves the route under there.
   *
   * @param listener the listener
   * @param hostnames the non-empty intersection of listener and route hostnames
   */
  record Binding(ListenerView listener, List<String> hostnames) {}

  /**
   * @param allowed listeners that select and allow the route
   * @param bindings listeners that also share a hostname with the route: where it is served, and
   *     what {@code attachedRoutes} counts (the conformance test HTTPRouteHostnameIntersection
   *     counts a route only on the listeners whose hostname it intersects)
   * @param reason why the parentRef is not accepted, or null
   * @param message the explanation, naming the field
   */
  record Attachment(
      List<ListenerView> allowed, List<Binding> bindings, String reason, String message) {}

  private final NamespacePolicy namespaces;

  RouteAttacher(NamespacePolicy namespaces) {
    this.namespaces = namespaces;
  }

  Attachment attach(
      RouteKind kind, HTTPRoute route, ParentReference ref, String at, RouteParent parent) {
    return attach(
        kind.kind(),
        route.getMetadata().getNamespace(),
        route.getSpec().getHostnames(),
        ref,
        at,
        parent);
  }

  /**
   * @param kind the route's kind, which the listeners must allow
   * @param routeNamespace the route's namespace
   * @param routeHostnames the route's {@code spec.hostnames}
   */
  Attachment attach(
      String kind,
      String routeNamespace,
      List<String> routeHostnames,
      ParentReference ref,
      String at,
      RouteParent parent) {
    if (parent.refusal() != null) {
      return failure(Reasons.NO_MATCHING_PARENT, at + ": " + parent.refusal());
    }
    List<ListenerView> selected = new ArrayList<>();
    for (ListenerView listener : parent.listeners()) {
      boolean bySection =
          ref.getSectionName() == null || ref.getSectionName().equals(listener.name());
      boolean byPort = ref.getPort() == null || ref.getPort() == listener.port();
      if (bySection && byPort) {
        selected.add(listener);
      }
    }
    if (selected.isEmpty()) {
      return failure(
          Reasons.NO_MATCHING_PARENT,
          at
              + ": "
              + parent.description()
              + " has no listener"
              + (ref.getSectionName() == null ? "" : " named '" + ref.getSectionName() + "'")
              + (ref.getPort() == null ? "" : " on port " + ref.getPort()));
    }

    String ownerNamespace = parent.namespace();
    List<ListenerView> allowed = new ArrayList<>();
    for (ListenerView listener : selected) {
      if (listener.supportsKind(ListenerTranslator.GATEWAY_GROUP, kind)
          && namespaces.allows(
              ListenerTranslator.namespacesOf(listener.spec()), ownerNamespace, routeNamespace)) {
        allowed.add(listener);
      }
    }
    if (allowed.isEmpty()) {
      return failure(
          Reasons.NOT_ALLOWED_BY_LISTENERS,
          at
              + ": no selected listener of "
              + parent.description()
              + " allows "
              + kind
              + "s from namespace "
              + routeNamespace);
    }

    List<Binding> bindings = new ArrayList<>();
    for (ListenerView listener : allowed) {
      List<String> hostnames = effectiveHostnames(listener.hostname(), routeHostnames);
      if (!hostnames.isEmpty()) {
        bindings.add(new Binding(listener, hostnames));
      }
    }
    if (bindings.isEmpty()) {
      return new Attachment(
          List.copyOf(allowed),
          List.of(),
          Reasons.NO_MATCHING_LISTENER_HOSTNAME,
          "spec.hostnames: no hostname intersects the hostname of a selected listener of "
              + parent.description());
    }
    return new Attachment(List.copyOf(allowed), List.copyOf(bindings), null, null);
  }

  /** Every hostname a request may carry to reach the route through the listener, in route order. */
  static List<String> effectiveHostnames(String listenerHostname, List<String> routeHostnames) {
    if (routeHostnames == null || routeHostnames.isEmpty()) {
      return HostnameIntersection.intersect(listenerHostname, null).stream().toList();
    }
    Set<String> result = new LinkedHashSet<>();
    for (String routeHostname : routeHostnames) {
      Optional<String> both = HostnameIntersection.intersect(listenerHostname, routeHostname);
      both.ifPresent(result::add);
    }
    return List.copyOf(result);
  }

  /**
   * The route hostname through which {@code effective} was reached on a listener: the most specific
   * of the route's hostnames whose intersection with the listener's is {@code effective}; {@link
   * HostnameIntersection#ANY} when the route names none. A route that names {@code abc.example.com}
   * outranks one that reaches it through {@code *.example.com} (Gateway API feature
   * GatewayRouteHostnameIntersectionPrecedence).
   */
  static String routeHostnameOf(
      String listenerHostname, List<String> routeHostnames, String effective) {
    String best = HostnameIntersection.ANY;
    if (routeHostnames == null) {
      return best;
    }
    for (String routeHostname : routeHostnames) {
      if (HostnameIntersection.intersect(listenerHostname, routeHostname)
              .filter(effective::equals)
              .isPresent()
          && HostnameIntersection.bySpecificityAlone(routeHostname, best) < 0) {
        best = routeHostname;
      }
    }
    return best;
  }

  private static Attachment failure(String reason, String message) {
    return new Attachment(List.of(), List.of(), reason, message);
  }
}
