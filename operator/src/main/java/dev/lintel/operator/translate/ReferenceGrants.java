package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/**
 * Whether a ReferenceGrant in the target's namespace lets an object of another namespace refer to
 * one there: an HTTPRoute to a Service, a Gateway to a Secret or a ConfigMap. Only grants in the
 * target namespace count: the owner of the Service decides.
 */
final class ReferenceGrants {
  private final List<ReferenceGrant> grants;

  ReferenceGrants(List<ReferenceGrant> grants) {
    this.grants = grants;
  }

  boolean permitsRouteToService(String routeNamespace, String serviceNamespace, String service) {
    for (ReferenceGrant grant : grants) {
      if (!serviceNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean fromRoute =
          grant.getSpec().getFrom().stream().anyMatch(from -> isHttpRoute(from, routeNamespace));
      boolean toService = grant.getSpec().getTo().stream().anyMatch(to -> isService(to, service));
      if (fromRoute && toService) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a Gateway of {@code gatewayNamespace} may not use the core object {@code kind} {@code name}
   * of {@code namespace} (a certificate Secret, a CA bundle ConfigMap), or null when it may: same
   * namespace, or a grant there allows it.
   */
  String gatewayRefNotPermitted(
      String kind, String gatewayNamespace, String namespace, String name) {
    if (namespace.equals(gatewayNamespace)
        || permitsGatewayTo(kind, gatewayNamespace, namespace, name)) {
      return null;
    }
    return "no ReferenceGrant in namespace "
        + namespace
        + " lets Gateways of "
        + gatewayNamespace
        + " use "
        + kind
        + " "
        + name;
  }

  private boolean permitsGatewayTo(
      String kind, String gatewayNamespace, String targetNamespace, String target) {
    for (ReferenceGrant grant : grants) {
      if (!targetNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean fromGateway =
          grant.getSpec().getFrom().stream()
              .anyMatch(
                  from ->
                      ListenerTranslator.GATEWAY_GROUP.equals(from.getGroup())
                          && "Gateway".equals(from.getKind())
                          && gatewayNamespace.equals(from.getNamespace()));
      boolean toTarget = grant.getSpec().getTo().stream().anyMatch(to -> isCore(to, kind, target));
      if (fromGateway && toTarget) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHttpRoute(ReferenceGrantFrom from, String namespace) {
    return ListenerTranslator.GATEWAY_GROUP.equals(from.getGroup())
        && ListenerTranslator.HTTP_ROUTE.equals(from.getKind())
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
