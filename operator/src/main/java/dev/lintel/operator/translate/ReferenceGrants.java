package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/**
 * Whether a ReferenceGrant in the target's namespace lets an object of another namespace refer to
 * one there: an HTTPRoute or GRPCRoute to a Service, a Gateway or ListenerSet to a Secret, a
 * Gateway to a ConfigMap. Only grants in the target namespace count: the owner of the Service
 * decides.
 */
final class ReferenceGrants {
  private final List<ReferenceGrant> grants;

  ReferenceGrants(List<ReferenceGrant> grants) {
    this.grants = grants;
  }

  boolean permitsRouteToService(
      String routeKind, String routeNamespace, String serviceNamespace, String service) {
    for (ReferenceGrant grant : grants) {
      if (!serviceNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean fromRoute =
          grant.getSpec().getFrom().stream()
              .anyMatch(from -> isRoute(from, routeKind, routeNamespace));
      boolean toService = grant.getSpec().getTo().stream().anyMatch(to -> isService(to, service));
      if (fromRoute && toService) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a Gateway or ListenerSet ({@code fromKind}) of {@code fromNamespace} may not use the core
   * object {@code kind} {@code name} of {@code namespace} (a certificate Secret, a CA bundle
   * ConfigMap), or null when it may: same namespace, or a grant there names that kind of the
   * listeners' owner.
   */
  String refNotPermitted(
      String fromKind, String fromNamespace, String kind, String namespace, String name) {
    if (namespace.equals(fromNamespace)
        || permitsTo(fromKind, fromNamespace, kind, namespace, name)) {
      return null;
    }
    return "no ReferenceGrant in namespace "
        + namespace
        + " lets "
        + fromKind
        + "s of "
        + fromNamespace
        + " use "
        + kind
        + " "
        + name;
  }

  /** {@link #refNotPermitted} for a Gateway's own reference. */
  String gatewayRefNotPermitted(
      String kind, String gatewayNamespace, String namespace, String name) {
    return refNotPermitted("Gateway", gatewayNamespace, kind, namespace, name);
  }

  private boolean permitsTo(
      String fromKind, String fromNamespace, String kind, String targetNamespace, String target) {
    for (ReferenceGrant grant : grants) {
      if (!targetNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean fromOwner =
          grant.getSpec().getFrom().stream()
              .anyMatch(
                  from ->
                      ListenerTranslator.GATEWAY_GROUP.equals(from.getGroup())
                          && fromKind.equals(from.getKind())
                          && fromNamespace.equals(from.getNamespace()));
      boolean toTarget = grant.getSpec().getTo().stream().anyMatch(to -> isCore(to, kind, target));
      if (fromOwner && toTarget) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRoute(ReferenceGrantFrom from, String kind, String namespace) {
    return ListenerTranslator.GATEWAY_GROUP.equals(from.getGroup())
        && kind.equals(from.getKind())
        && namespace.equals(from.getNamespace());
  }

  private static boolean isService(ReferenceGrantTo to, String name) {
    return isCore(to, "Service", name);
  }

  /** A grant to a core kind, to every object of it or to the one named. */
  private static boolean isCore(ReferenceGrantTo to, String kind, String name) {
    String group = to.getGroup() == null ? "" : to.getGroup();
    return group.isEmpty()
        && kind.equals(to.getKind())
        && (to.getName() == null || to.getName().isEmpty() || Objects.equals(to.getName(), name));
  }
}
