package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;

/**
 * One match of one rule of an HTTPRoute, with what {@link RoutePrecedence} sorts by.
 *
 * @param route the route the match belongs to
 * @param rule index of the rule in {@code spec.rules}
 * @param match index of the match in the rule's {@code matches} (0 for the implicit match)
 * @param path the (defaulted) path condition
 * @param backends the rule's resolved backends
 */
record MatchEntry(HTTPRoute route, int rule, int match, PathMatch path, List<Backend> backends) {
  /** The name of the config route: {@code ns/name/rule-<i>/match-<j>}. */
  String name() {
    return route.getMetadata().getNamespace()
        + "/"
        + route.getMetadata().getName()
        + "/rule-"
        + rule
        + "/match-"
        + match;
  }

  Route toRoute() {
    return new Route(name(), new RouteMatch(path), backends);
  }
}
