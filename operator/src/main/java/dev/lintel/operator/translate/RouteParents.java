package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.Map;

/** Finds what a route's parentRef names among the Gateways and ListenerSets Lintel serves. */
final class RouteParents {
  private final Map<ObjectRef, GatewayView> gateways;
  private final Map<ObjectRef, ListenerSetView> listenerSets;

  RouteParents(Map<ObjectRef, GatewayView> gateways, Map<ObjectRef, ListenerSetView> listenerSets) {
    this.gateways = gateways;
    this.listenerSets = listenerSets;
  }

  /** The Gateway or ListenerSet a parentRef of any route kind names, when Lintel serves it. */
  RouteParent of(HasMetadata route, ParentReference ref) {
    String group = ref.getGroup() == null ? ListenerTranslator.GATEWAY_GROUP : ref.getGroup();
    String kind = ref.getKind() == null ? "Gateway" : ref.getKind();
    if (!group.equals(ListenerTranslator.GATEWAY_GROUP) || ref.getName() == null) {
      return null;
    }
    String namespace =
        ref.getNamespace() == null ? route.getMetadata().getNamespace() : ref.getNamespace();
    if (kind.equals("Gateway")) {
      GatewayView gateway = gateways.get(new ObjectRef(kind, namespace, ref.getName()));
      return gateway == null || !gateway.valid() ? null : RouteParent.of(gateway);
    }
    if (kind.equals(ListenerSet.KIND)) {
      ListenerSetView set = listenerSets.get(new ObjectRef(kind, namespace, ref.getName()));
      return set == null ? null : RouteParent.of(set);
    }
    return null;
  }
}
