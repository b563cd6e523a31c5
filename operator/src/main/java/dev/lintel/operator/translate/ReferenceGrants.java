package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/**
 * Whether a ReferenceGrant in the target's namespace lets an object of another namespace refer to
 * one there: an HTTPRoute to a Service, a Gateway or ListenerSet to a Secret. Only grants in the
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
   * Whether a Gateway or ListenerSet ({@code fromKind}) of {@code fromNamespace} may use Secret
   * {@code secret} of another namespace: the grant names that kind of the listeners' owner.
   */
  boolean permitsListenerOwnerToSecret(
      String fromKind, String fromNamespace, String secretNamespace, String secret) {
    for (ReferenceGrant grant : grants) {
      if (!secretNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean fromOwner =
          grant.getSpec().getFrom().stream()
              .anyMatch(
                  from ->
                      ListenerTranslator.GATEWAY_GROUP.equals(from.getGroup())
                          && fromKind.equals(from.getKind())
                          && fromNamespace.equals(from.getNamespace()));
      boolean toSecret =
          grant.getSpec().getTo().stream().anyMatch(to -> isCore(to, "Secret", secret));
      if (fromOwner && toSecret) {
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
