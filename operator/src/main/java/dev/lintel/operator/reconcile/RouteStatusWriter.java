package dev.lintel.operator.reconcile;

import dev.lintel.operator.translate.StatusComparison;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

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
    ConflictRetry.once(
        client, HTTPRoute.class, cached, route -> writeOnce(route, translated, gateway));
  }

  private void writeOnce(HTTPRoute route, HTTPRouteStatus translated, ResourceID gateway) {
    HTTPRouteStatus merged = merger.merge(route, translated, gateway);
    if (StatusComparison.sameIgnoringTimes(merged, route.getStatus())) {
      return;
    }
    HTTPRoute updated = client.getKubernetesSerialization().clone(route);
    updated.setStatus(merged);
    client.resource(updated).updateStatus();
  }
}
