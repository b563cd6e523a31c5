package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.translate.StatusComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.function.UnaryOperator;

/**
 * Writes one Gateway's share of a route's status with optimistic locking (several Gateways may
 * write the same route at once). A conflict usually means our cache was a write behind: read the
 * route fresh and merge once more; a second conflict fails the reconcile and JOSDK retries it.
 */
final class RouteStatusWriter {
  private final KubernetesClient client;
  private final RouteStatusMerger merger;

  RouteStatusWriter(KubernetesClient client, RouteStatusMerger merger) {
    this.client = client;
    this.merger = merger;
  }

  void write(HTTPRoute cached, HTTPRouteStatus translated, ResourceID gateway) {
    write(
        cached,
        HTTPRoute.class,
        route -> {
          HTTPRouteStatus merged = merger.merge(route, translated, gateway);
          if (StatusComparison.sameIgnoringTimes(merged, route.getStatus())) {
            return null;
          }
          HTTPRoute updated = client.getKubernetesSerialization().clone(route);
          updated.setStatus(merged);
          return updated;
        });
  }

  void write(TLSRoute cached, RouteStatus translated, ResourceID gateway) {
    write(
        cached,
        TLSRoute.class,
        route -> {
          RouteStatus merged = merger.merge(route, translated, gateway);
          if (StatusComparison.sameIgnoringTimes(merged, route.getStatus())) {
            return null;
          }
          TLSRoute updated = client.getKubernetesSerialization().clone(route);
          updated.setStatus(merged);
          return updated;
        });
  }

  /**
   * @param updated the route with its merged status, or null when the status would not change
   */
  private <R extends HasMetadata> void write(R cached, Class<R> type, UnaryOperator<R> updated) {
    ConflictRetry.once(client, type, cached, route -> writeOnce(route, updated));
  }

  private <R extends HasMetadata> void writeOnce(R route, UnaryOperator<R> updated) {
    R changed = updated.apply(route);
    if (changed != null) {
      client.resource(changed).updateStatus();
    }
  }
}
