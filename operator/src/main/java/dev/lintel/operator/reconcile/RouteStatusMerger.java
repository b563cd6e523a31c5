package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.TLSRoute;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Merges one Gateway's share of a route's {@code status.parents}: entries of other controllers and
 * of other Gateways stay untouched and in place, ours for this Gateway are replaced in place,
 * removed when the parentRef is gone, and new ones appended. Keeping positions stable matters: two
 * Gateways reconciling the same route must not keep reordering its entries.
 */
final class RouteStatusMerger {
  private final String controllerName;
  private final StatusTimes times;
  private final GatewayRefs.ParentResolver parents;

  RouteStatusMerger(String controllerName, StatusTimes times) {
    this(controllerName, times, GatewayRefs.GATEWAYS_ONLY);
  }

  /**
   * @param parents tells which Gateway an entry's parentRef concerns (a ListenerSet's entry is its
   *     parent Gateway's share)
   */
  RouteStatusMerger(String controllerName, StatusTimes times, GatewayRefs.ParentResolver parents) {
    this.controllerName = controllerName;
    this.times = times;
    this.parents = parents;
  }

  /**
   * @param translated the translator's status of the route (only our entries), or null when the
   *     route no longer has a parent of ours
   * @return the route's new status
   */
  HTTPRouteStatus merge(HTTPRoute route, HTTPRouteStatus translated, ResourceID gateway) {
    return new HTTPRouteStatus(
        merge(
            route,
            parentsOf(route.getStatus(), HTTPRouteStatus::getParents),
            parentsOf(translated, HTTPRouteStatus::getParents),
            gateway));
  }

  /** {@link #merge(HTTPRoute, HTTPRouteStatus, ResourceID)} of a TLSRoute. */
  RouteStatus merge(TLSRoute route, RouteStatus translated, ResourceID gateway) {
    return new RouteStatus(
        merge(
            route,
            parentsOf(route.getStatus(), RouteStatus::getParents),
            parentsOf(translated, RouteStatus::getParents),
            gateway));
  }

  /** {@link #merge(HTTPRoute, HTTPRouteStatus, ResourceID)} of a GRPCRoute. */
  GRPCRouteStatus merge(GRPCRoute route, GRPCRouteStatus translated, ResourceID gateway) {
    return new GRPCRouteStatus(
        merge(
            route,
            parentsOf(route.getStatus(), GRPCRouteStatus::getParents),
            parentsOf(translated, GRPCRouteStatus::getParents),
            gateway));
  }

  private static <S> List<RouteParentStatus> parentsOf(
      S status, Function<S, List<RouteParentStatus>> parents) {
    return status == null ? null : parents.apply(status);
  }

  private List<RouteParentStatus> merge(
      HasMetadata route,
      List<RouteParentStatus> current,
      List<RouteParentStatus> translated,
      ResourceID gateway) {
    String namespace = route.getMetadata().getNamespace();
    List<RouteParentStatus> fresh = new ArrayList<>();
    if (translated != null) {
      for (RouteParentStatus parent : translated) {
        if (GatewayRefs.pointsTo(parent.getParentRef(), namespace, gateway, parents)) {
          fresh.add(parent);
        }
      }
    }
    List<RouteParentStatus> old = current == null ? List.of() : current;
    List<RouteParentStatus> merged = new ArrayList<>();
    for (RouteParentStatus entry : old) {
      boolean ours =
          controllerName.equals(entry.getControllerName())
              && GatewayRefs.pointsTo(entry.getParentRef(), namespace, gateway, parents);
      if (!ours) {
        merged.add(entry);
        continue;
      }
      RouteParentStatus replacement = take(fresh, entry.getParentRef());
      if (replacement != null) {
        merged.add(times.stamp(replacement, entry));
      }
    }
    for (RouteParentStatus added : fresh) {
      merged.add(times.stamp(added, null));
    }
    return merged;
  }

  private static RouteParentStatus take(List<RouteParentStatus> fresh, ParentReference ref) {
    for (int i = 0; i < fresh.size(); i++) {
      if (sameRef(fresh.get(i).getParentRef(), ref)) {
        return fresh.remove(i);
      }
    }
    return null;
  }

  /** parentRefs as written by the user: equal when every field, defaults included, is equal. */
  private static boolean sameRef(ParentReference a, ParentReference b) {
    return Objects.equals(a.getName(), b.getName())
        && Objects.equals(a.getNamespace(), b.getNamespace())
        && Objects.equals(a.getSectionName(), b.getSectionName())
        && Objects.equals(a.getPort(), b.getPort())
        && Objects.equals(groupOf(a), groupOf(b))
        && Objects.equals(
            a.getKind() == null ? "Gateway" : a.getKind(),
            b.getKind() == null ? "Gateway" : b.getKind());
  }

  private static String groupOf(ParentReference ref) {
    return ref.getGroup() == null ? GatewayRefs.GATEWAY_GROUP : ref.getGroup();
  }
}
