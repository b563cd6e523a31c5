package dev.lintel.operator.translate;

import java.util.List;

/**
 * What one parentRef of a route names: a Gateway, whose own listeners it may attach to, or a
 * ListenerSet, whose listeners are merged into its parent Gateway. A route that names a Gateway
 * does not attach to the listeners of its ListenerSets: those are reached through the ListenerSet.
 *
 * @param description how messages name the parent, e.g. {@code ListenerSet ns/name}
 * @param namespace the namespace {@code allowedRoutes.namespaces.from: Same} refers to
 * @param gateway the Gateway whose config gets the route
 * @param listeners the listeners the parentRef may select
 * @param refusal why no listener can be selected at all (a ListenerSet not attached to its
 *     Gateway), or null
 */
record RouteParent(
    String description,
    String namespace,
    ObjectRef gateway,
    List<ListenerView> listeners,
    String refusal) {
  static RouteParent of(GatewayView gateway) {
    ObjectRef ref = gateway.ref();
    return new RouteParent(
        "Gateway " + ref.namespace() + "/" + ref.name(),
        ref.namespace(),
        ref,
        gateway.listeners(),
        null);
  }

  static RouteParent of(ListenerSetView set) {
    ObjectRef ref = set.ref();
    String description = "ListenerSet " + ref.namespace() + "/" + ref.name();
    return new RouteParent(
        description,
        ref.namespace(),
        set.gateway(),
        set.listeners(),
        set.attached()
            ? null
            : description + " is not attached to its Gateway (" + set.refusal() + ")");
  }
}
