package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.SessionPersistence;
import dev.lintel.proxy.config.Timeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;

/**
 * One match of one rule of an HTTPRoute (or of a GRPCRoute in HTTPRoute form, see {@link
 * GrpcRouteConverter}), with what {@link RoutePrecedence} sorts by.
 *
 * @param route the route the match belongs to
 * @param rule index of the rule in {@code spec.rules}
 * @param match index of the match in the rule's {@code matches} (0 for the implicit match)
 * @param conditions the match as the proxy applies it (path defaulted, names normalised)
 * @param filters the rule's filters, for the listener the match is contributed through
 * @param timeouts the rule's time limits
 * @param retry the rule's retry policy, or null
 * @param backends the rule's resolved backends
 * @param method a GRPCRoute match's precedence; null for an HTTPRoute match
 * @param session the rule's session persistence, or null
 */
record MatchEntry(
    HTTPRoute route,
    int rule,
    int match,
    RouteMatch conditions,
    RouteFilters filters,
    Timeouts timeouts,
    Retry retry,
    List<Backend> backends,
    MethodRank method,
    SessionPersistence session) {
  /** A match without session persistence. */
  MatchEntry(
      HTTPRoute route,
      int rule,
      int match,
      RouteMatch conditions,
      RouteFilters filters,
      Timeouts timeouts,
      Retry retry,
      List<Backend> backends,
      MethodRank method) {
    this(route, rule, match, conditions, filters, timeouts, retry, backends, method, null);
  }

  /** An HTTPRoute match. */
  MatchEntry(
      HTTPRoute route,
      int rule,
      int match,
      RouteMatch conditions,
      RouteFilters filters,
      Timeouts timeouts,
      Retry retry,
      List<Backend> backends) {
    this(route, rule, match, conditions, filters, timeouts, retry, backends, null, null);
  }

  boolean grpc() {
    return method != null;
  }

  PathMatch path() {
    return conditions.path();
  }

  /**
   * The name of the config route: {@code ns/name/rule-<i>/match-<j>}, with {@code grpc:} in front
   * for a GRPCRoute (an HTTPRoute and a GRPCRoute may share a name).
   */
  String name() {
    return (grpc() ? "grpc:" : "")
        + route.getMetadata().getNamespace()
        + "/"
        + route.getMetadata().getName()
        + "/rule-"
        + rule
        + "/match-"
        + match;
  }

  Route toRoute() {
    return new Route(name(), conditions, filters, timeouts, retry, session, backends);
  }
}
