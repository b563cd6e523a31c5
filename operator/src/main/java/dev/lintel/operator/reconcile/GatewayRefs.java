package dev.lintel.operator.reconcile;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads the references between routes, Gateways and Services, with the Gateway API defaults. */
final class GatewayRefs {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  private GatewayRefs() {}

  /** The Gateway a parentRef names, or null when it names another kind. */
  static ResourceID gatewayOf(ParentReference ref, String routeNamespace) {
    if (ref == null || ref.getName() == null) {
      return null;
    }
    String group = ref.getGroup() == null ? GATEWAY_GROUP : ref.getGroup();
    String kind = ref.getKind() == null ? "Gateway" : ref.getKind();
    if (!GATEWAY_GROUP.equals(group) || !"Gateway".equals(kind)) {
      return null;
    }
    String namespace = ref.getNamespace() == null ? routeNamespace : ref.getNamespace();
    return new ResourceID(ref.getName(), namespace);
  }

  static boolean pointsTo(ParentReference ref, String routeNamespace, ResourceID gateway) {
    return gateway.equals(gatewayOf(ref, routeNamespace));
  }

  /**
   * The Gateways a route concerns: those it names now, and those whose status entry of ours it
   * still carries (so the entry is removed when the parentRef goes away).
   */
  static Set<ResourceID> gatewaysOf(HTTPRoute route, String controllerName) {
    String namespace = route.getMetadata().getNamespace();
    Set<ResourceID> gateways = new HashSet<>();
    if (route.getSpec() != null && route.getSpec().getParentRefs() != null) {
      for (ParentReference ref : route.getSpec().getParentRefs()) {
        addIfGateway(gateways, gatewayOf(ref, namespace));
      }
    }
    if (route.getStatus() != null && route.getStatus().getParents() != null) {
      for (RouteParentStatus parent : route.getStatus().getParents()) {
        if (controllerName.equals(parent.getControllerName())) {
          addIfGateway(gateways, gatewayOf(parent.getParentRef(), namespace));
        }
      }
    }
    return gateways;
  }

  private static void addIfGateway(Set<ResourceID> gateways, ResourceID gateway) {
    if (gateway != null) {
      gateways.add(gateway);
    }
  }

  /** Whether any backendRef of the route names the Service {@code namespace/name}. */
  static boolean referencesService(HTTPRoute route, String namespace, String name) {
    if (route.getSpec() == null || route.getSpec().getRules() == null) {
      return false;
    }
    String routeNamespace = route.getMetadata().getNamespace();
    for (HTTPRouteRule rule : route.getSpec().getRules()) {
      List<HTTPBackendRef> refs = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
      for (HTTPBackendRef ref : refs) {
        boolean coreGroup = ref.getGroup() == null || ref.getGroup().isEmpty();
        boolean service = ref.getKind() == null || "Service".equals(ref.getKind());
        String refNamespace = ref.getNamespace() == null ? routeNamespace : ref.getNamespace();
        if (coreGroup
            && service
            && Objects.equals(name, ref.getName())
            && Objects.equals(namespace, refNamespace)) {
          return true;
        }
      }
    }
    return false;
  }
}
