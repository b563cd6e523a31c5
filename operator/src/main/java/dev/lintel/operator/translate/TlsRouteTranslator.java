package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.proxy.config.Backend;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates one TLSRoute against the Gateways Lintel serves: its {@code status.parents} entries,
 * the TLS listeners it attaches to, and the SNI names and backends it adds to each Gateway's
 * config.
 */
final class TlsRouteTranslator {
  /**
   * One TLSRoute served by one Gateway listener of protocol TLS.
   *
   * @param gateway the Gateway whose config gets the route
   * @param listener the TLS listener the route attached through
   * @param route the route, for precedence (age, then namespace/name)
   * @param hostnames the SNI names it serves there: route and listener hostnames intersected
   * @param backends the backends of all its rules (v1 allows one rule; older versions several)
   */
  record Contribution(
      ObjectRef gateway,
      ListenerView listener,
      TLSRoute route,
      List<String> hostnames,
      List<Backend> backends) {}

  /**
   * @param status Lintel's parent entries, or null when no parentRef names a Gateway Lintel serves
   *     or a ListenerSet of one
   * @param attached per listener owner, the names of the listeners the route counts as attached to
   * @param contributions what the route adds to the configs
   */
  record Result(
      RouteStatus status,
      Map<ObjectRef, List<String>> attached,
      List<Contribution> contributions) {}

  private final RouteParents parents;
  private final RouteAttacher attacher;
  private final BackendResolver backends;

  TlsRouteTranslator(RouteParents parents, RouteAttacher attacher, BackendResolver backends) {
    this.parents = parents;
    this.attacher = attacher;
    this.backends = backends;
  }

  Result translate(TLSRoute route) {
    BackendResolver.Resolution resolution = backends.resolve(route);
    List<Backend> routeBackends = resolution.rules().stream().flatMap(List::stream).toList();
    List<RouteParentStatus> statuses = new ArrayList<>();
    Map<ObjectRef, List<String>> attached = new TreeMap<>();
    List<Contribution> contributions = new ArrayList<>();
    List<ParentReference> refs = route.getSpec().parentRefs();
    for (int p = 0; p < refs.size(); p++) {
      ParentReference ref = refs.get(p);
      RouteParent parent = parents.of(route, ref);
      if (parent == null) {
        continue; // not ours, or does not exist: another controller's business
      }
      RouteAttacher.Attachment attachment =
          attacher.attach(
              ListenerTranslator.TLS_ROUTE,
              route.getMetadata().getNamespace(),
              route.getSpec().hostnames(),
              ref,
              "spec.parentRefs[" + p + "]",
              parent);
      for (RouteAttacher.Binding binding : attachment.bindings()) {
        ListenerView listener = binding.listener();
        attached.computeIfAbsent(listener.owner(), k -> new ArrayList<>()).add(listener.name());
        if (listener.accepted()) {
          contributions.add(
              new Contribution(
                  parent.gateway(), listener, route, binding.hostnames(), routeBackends));
        }
      }
      statuses.add(
          new RouteParentStatusBuilder()
              .withParentRef(new ParentReferenceBuilder(ref).build())
              .withControllerName(GatewayTranslator.CONTROLLER_NAME)
              .withConditions(accepted(route, attachment), resolution.resolvedRefs(route))
              .build());
    }
    RouteStatus status =
        statuses.isEmpty() ? null : new RouteStatusBuilder().withParents(statuses).build();
    return new Result(status, attached, contributions);
  }

  private static Condition accepted(TLSRoute route, RouteAttacher.Attachment attachment) {
    if (attachment.reason() != null) {
      return Conditions.statusFalse(
          ConditionTypes.ACCEPTED, attachment.reason(), attachment.message(), route);
    }
    return Conditions.statusTrue(
        ConditionTypes.ACCEPTED, Reasons.ACCEPTED, "Route is accepted", route);
  }
}
