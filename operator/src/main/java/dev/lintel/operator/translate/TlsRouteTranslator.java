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
import java.util.function.Function;

/**
 * Translates one TLSRoute against the Gateways Lintel serves: its {@code status.parents} entries,
 * the TLS listeners it attaches to, and the SNI names and backends it adds to each Gateway's
 * config.
 *
 * <p>A BackendTLSPolicy applies only behind a terminating listener (GEP-1897's table: a passthrough
 * listener never originates TLS, the client's own session reaches the backend). There the backends
 * get the policy's TLS and the Gateway's backend client certificate, and a policy that cannot be
 * honoured closes their share of connections; through a passthrough listener the same Services are
 * reached as they are, whatever policy targets them.
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
      List<Backend> backends) {
    /** Whether the proxy terminates the client's TLS here: only then BackendTLSPolicies apply. */
    boolean terminates() {
      return ListenerTranslator.terminates(listener.spec());
    }
  }

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
  private final BackendResolver terminating;
  private final BackendResolver passingThrough;
  private final Function<ObjectRef, String> clientCertificates;

  /**
   * @param terminating resolves backends with the BackendTLSPolicies that govern them
   * @param passingThrough resolves backends without any policy
   * @param clientCertificates per Gateway, the usable backend client certificate, or null
   */
  TlsRouteTranslator(
      RouteParents parents,
      RouteAttacher attacher,
      BackendResolver terminating,
      BackendResolver passingThrough,
      Function<ObjectRef, String> clientCertificates) {
    this.parents = parents;
    this.attacher = attacher;
    this.terminating = terminating;
    this.passingThrough = passingThrough;
    this.clientCertificates = clientCertificates;
  }

  Result translate(TLSRoute route) {
    BackendResolver.Resolution withPolicies = terminating.resolve(route);
    BackendResolver.Resolution withoutPolicies = passingThrough.resolve(route);
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
      boolean anyTerminates = false;
      for (RouteAttacher.Binding binding : attachment.bindings()) {
        ListenerView listener = binding.listener();
        attached.computeIfAbsent(listener.owner(), k -> new ArrayList<>()).add(listener.name());
        boolean terminates = ListenerTranslator.terminates(listener.spec());
        anyTerminates |= terminates;
        if (listener.accepted()) {
          List<Backend> backends =
              terminates
                  ? GatewayClientCertificate.presentedTo(
                      flat(withPolicies), clientCertificates.apply(parent.gateway()))
                  : flat(withoutPolicies);
          contributions.add(
              new Contribution(parent.gateway(), listener, route, binding.hostnames(), backends));
        }
      }
      // The references as the listeners this parent binds to use them.
      BackendResolver.Resolution resolution = anyTerminates ? withPolicies : withoutPolicies;
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

  private static List<Backend> flat(BackendResolver.Resolution resolution) {
    return resolution.rules().stream().flatMap(List::stream).toList();
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
