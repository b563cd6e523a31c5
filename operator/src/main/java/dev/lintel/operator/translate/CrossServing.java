package dev.lintel.operator.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GRPCRoute spec's "cross serving" rule: when an HTTPRoute and a GRPCRoute attach to the same
 * listener with intersecting hostnames, exactly one of them is accepted there, the older one
 * (creationTimestamp), then the first by {@code namespace/name}. The other loses that listener; a
 * parentRef that loses every listener it reached is {@code Accepted=False}, reason {@code
 * HostnameConflict}.
 *
 * <p>Claims are compared pairwise: a claim loses when any claim of the other kind on its listener
 * intersects it and comes first, whether or not that one lost elsewhere.
 */
final class CrossServing {
  /**
   * One route attached to one listener under its effective hostnames.
   *
   * @param route the route (HTTPRoute or GRPCRoute in HTTPRoute form)
   * @param listener the listener
   * @param hostnames the effective hostnames ({@link HostnameIntersection#ANY} for any host)
   */
  record Claim(RouteSource route, ListenerView listener, List<String> hostnames) {}

  /** Per claim that loses, keyed by {@link #key}, the route it loses to. */
  private final Map<String, ObjectRef> losers = new HashMap<>();

  CrossServing(List<Claim> claims) {
    Map<String, List<Claim>> byListener = new HashMap<>();
    for (Claim claim : claims) {
      byListener.computeIfAbsent(listenerKey(claim.listener()), k -> new ArrayList<>()).add(claim);
    }
    for (List<Claim> onListener : byListener.values()) {
      for (Claim claim : onListener) {
        for (Claim other : onListener) {
          if (other.route().kind() != claim.route().kind()
              && intersect(claim.hostnames(), other.hostnames())
              && comesFirst(other.route(), claim.route())) {
            losers.putIfAbsent(key(claim.route(), claim.listener()), other.route().ref());
          }
        }
      }
    }
  }

  /** The route that takes the listener from {@code route}, or null when {@code route} keeps it. */
  ObjectRef loserTo(RouteSource route, ListenerView listener) {
    return losers.get(key(route, listener));
  }

  private static boolean comesFirst(RouteSource a, RouteSource b) {
    int byAge =
        RoutePrecedence.compareTimestamps(
            a.route().getMetadata().getCreationTimestamp(),
            b.route().getMetadata().getCreationTimestamp());
    if (byAge != 0) {
      return byAge < 0;
    }
    String first = a.route().getMetadata().getNamespace() + "/" + a.route().getMetadata().getName();
    String second =
        b.route().getMetadata().getNamespace() + "/" + b.route().getMetadata().getName();
    int byName = first.compareTo(second);
    // Same age and name: only an HTTPRoute and a GRPCRoute can tie here; keep the order total.
    return byName != 0 ? byName < 0 : a.kind() == RouteKind.HTTP_ROUTE;
  }

  private static boolean intersect(List<String> a, List<String> b) {
    for (String one : a) {
      for (String two : b) {
        if (HostnameIntersection.intersect(anyToNull(one), anyToNull(two)).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String anyToNull(String hostname) {
    return HostnameIntersection.ANY.equals(hostname) ? null : hostname;
  }

  private static String listenerKey(ListenerView listener) {
    return listener.owner() + "#" + listener.name();
  }

  private static String key(RouteSource route, ListenerView listener) {
    return route.ref() + "@" + listenerKey(listener);
  }
}
