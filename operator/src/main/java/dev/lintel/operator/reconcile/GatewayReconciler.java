package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.provision.GatewayProvisioner;
import dev.lintel.operator.translate.GatewayTranslator;
import dev.lintel.operator.translate.LiveState;
import dev.lintel.operator.translate.LiveStatus;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.StatusComparison;
import dev.lintel.operator.translate.Translation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * Reconciles one Gateway of a Lintel GatewayClass: snapshot from the caches, translate, publish the
 * proxy (config + provisioned objects), then write the status of every ListenerSet that names it,
 * of every attached route, its share of every BackendTLSPolicy's and of the Gateway itself, each
 * only when it changed. Gateways of other classes are not touched.
 */
final class GatewayReconciler implements Reconciler<Gateway> {
  private final GatewayTranslator translator = new GatewayTranslator();
  private final GatewayEventSources caches =
      new GatewayEventSources(GatewayTranslator.CONTROLLER_NAME);
  private final ProxyPublisher publisher;
  private final StatusTimes times;
  private final RouteStatusWriter routeStatuses;
  private final ListenerSetStatusWriter listenerSetStatuses;
  private final PolicyStatusWriter policyStatuses;

  GatewayReconciler(KubernetesClient client, GatewayProvisioner provisioner, StatusTimes times) {
    this.publisher = new ProxyPublisher(client, provisioner);
    this.times = times;
    this.routeStatuses =
        new RouteStatusWriter(
            client,
            new RouteStatusMerger(GatewayTranslator.CONTROLLER_NAME, times, caches.parents()));
    this.listenerSetStatuses = new ListenerSetStatusWriter(client, times);
    this.policyStatuses = new PolicyStatusWriter(client, GatewayTranslator.CONTROLLER_NAME, times);
  }

  @Override
  public List<EventSource<?, Gateway>> prepareEventSources(EventSourceContext<Gateway> context) {
    return caches.create(context);
  }

  @Override
  public UpdateControl<Gateway> reconcile(Gateway gateway, Context<Gateway> context) {
    if (!isOurs(gateway)) {
      return UpdateControl.noUpdate();
    }
    Translation translation = translator.translate(caches.snapshot());
    ObjectRef ref = ObjectRef.of(gateway);
    LiveState live = publisher.publish(gateway, translation.configs().get(ref), caches);

    ResourceID id = ResourceID.fromResource(gateway);
    for (ListenerSet set : caches.listenerSetsOf(id)) {
      ListenerSetStatus translated = translation.listenerSets().get(ObjectRef.of(set));
      if (translated != null) {
        listenerSetStatuses.write(set, LiveStatus.apply(translated, set, live));
      }
    }
    for (HTTPRoute route : caches.routesOf(id)) {
      HTTPRouteStatus translated = translation.httpRoutes().get(ObjectRef.of(route));
      routeStatuses.write(route, translated, id);
    }
    for (BackendTLSPolicy policy : caches.backendTlsPolicies()) {
      PolicyStatus translated = translation.backendTlsPolicies().get(ObjectRef.of(policy));
      policyStatuses.write(policy, translated, id);
    }
    for (TLSRoute route : caches.tlsRoutesOf(id)) {
      routeStatuses.write(route, translation.tlsRoutes().get(ObjectRef.of(route)), id);
    }
    for (GRPCRoute route : caches.grpcRoutesOf(id)) {
      GRPCRouteStatus translated = translation.grpcRoutes().get(ObjectRef.of(route));
      routeStatuses.write(route, translated, id);
    }

    GatewayStatus translated = translation.gateways().get(ref);
    if (translated == null) {
      return UpdateControl.noUpdate();
    }
    GatewayStatus status =
        ForeignConditions.keep(
            times.stamp(LiveStatus.apply(translated, gateway, live), gateway.getStatus()),
            gateway.getStatus());
    if (StatusComparison.sameIgnoringTimes(status, gateway.getStatus())) {
      return UpdateControl.noUpdate();
    }
    Gateway patched = context.getClient().getKubernetesSerialization().clone(gateway);
    patched.setStatus(status);
    return UpdateControl.patchStatus(patched);
  }

  private boolean isOurs(Gateway gateway) {
    String className = gateway.getSpec() == null ? null : gateway.getSpec().getGatewayClassName();
    return className != null
        && caches
            .gatewayClass(className)
            .map(
                c ->
                    c.getSpec() != null
                        && GatewayTranslator.CONTROLLER_NAME.equals(
                            c.getSpec().getControllerName()))
            .orElse(false);
  }
}
