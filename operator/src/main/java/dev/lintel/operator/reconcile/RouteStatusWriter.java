package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.translate.StatusComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes one Gateway's share of a route's status with optimistic locking (several Gateways may
 * write the same route at once): a conflict is retried once on a fresh read ({@link
 * ConflictRetry}).
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
        route -> merger.merge(route, translated, gateway),
        HTTPRoute::getStatus,
        HTTPRoute::setStatus);
  }

  void write(GRPCRoute cached, GRPCRouteStatus translated, ResourceID gateway) {
    write(
        cached,
        GRPCRoute.class,
        route -> merger.merge(route, translated, gateway),
        GRPCRoute::getStatus,
        GRPCRoute::setStatus);
  }

  void write(TLSRoute cached, RouteStatus translated, ResourceID gateway) {
    write(
        cached,
        TLSRoute.class,
        route -> merger.merge(route, translated, gateway),
        TLSRoute::getStatus,
        TLSRoute::setStatus);
  }

  /**
   * @param merge this Gateway's share merged into a route's current status
   * @param statusOf a route's current status
   * @param setStatus sets the status of a copy of the route
   */
  private <R extends HasMetadata, S> void write(
      R cached,
      Class<R> type,
      Function<R, S> merge,
      Function<R, S> statusOf,
      BiConsumer<R, S> setStatus) {
    ConflictRetry.once(client, type, cached, route -> writeOnce(route, merge, statusOf, setStatus));
  }

  private <R extends HasMetadata, S> void writeOnce(
      R route, Function<R, S> merge, Function<R, S> statusOf, BiConsumer<R, S> setStatus) {
    S merged = merge.apply(route);
    if (StatusComparison.sameIgnoringTimes(merged, statusOf.apply(route))) {
      return;
    }
    R updated = client.getKubernetesSerialization().clone(route);
    setStatus.accept(updated, merged);
    client.resource(updated).updateStatus();
  }
}
