package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;

/**
 * A route in the shape the HTTP translation reads: an HTTPRoute as written, or a GRPCRoute turned
 * into the equivalent HTTPRoute by {@link GrpcRouteConverter} (gRPC calls are HTTP/2 POSTs to
 * {@code /service/method}, so a method match is a path match).
 *
 * @param route the route in HTTPRoute form; its metadata is the original object's
 * @param kind what the route really is
 * @param invalid schema violations found in the original object (a GRPCRoute's method matches),
 *     naming its fields; non-empty rejects the route
 * @param ranks per rule and match, what GRPCRoute precedence counts; empty for an HTTPRoute
 */
record RouteSource(
    HTTPRoute route, RouteKind kind, List<String> invalid, List<List<MethodRank>> ranks) {
  RouteSource {
    invalid = List.copyOf(invalid);
    ranks = List.copyOf(ranks);
  }

  static RouteSource of(HTTPRoute route) {
    return new RouteSource(route, RouteKind.HTTP_ROUTE, List.of(), List.of());
  }

  ObjectRef ref() {
    return new ObjectRef(
        kind.kind(), route.getMetadata().getNamespace(), route.getMetadata().getName());
  }

  /** The precedence rank of a match, or null for an HTTPRoute. */
  MethodRank rank(int rule, int match) {
    return kind == RouteKind.HTTP_ROUTE ? null : ranks.get(rule).get(match);
  }
}
