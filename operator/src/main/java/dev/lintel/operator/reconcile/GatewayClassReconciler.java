package dev.lintel.operator.reconcile;

import dev.lintel.operator.translate.GatewayTranslator;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.Snapshot;
import dev.lintel.operator.translate.StatusComparison;
import dev.lintel.operator.translate.SupportedVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the status ({@code Accepted}, supported features, {@code SupportedVersion}) of
 * GatewayClasses whose controllerName is Lintel's. The translator decides it, from a snapshot
 * holding just the class, and the Gateway API CRDs decide SupportedVersion: a change to one of them
 * re-evaluates every class. Other classes are left to their controllers.
 */
final class GatewayClassReconciler implements Reconciler<GatewayClass> {
  private final GatewayTranslator translator = new GatewayTranslator();
  private final StatusTimes times;
  private InformerEventSource<CustomResourceDefinition, GatewayClass> crds;

  GatewayClassReconciler(StatusTimes times) {
    this.times = times;
  }

  @Override
  public List<EventSource<?, GatewayClass>> prepareEventSources(
      EventSourceContext<GatewayClass> context) {
    crds =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(
                    CustomResourceDefinition.class, GatewayClass.class)
                .withSecondaryToPrimaryMapper(
                    crd ->
                        SupportedVersion.isGatewayApi(crd)
                            ? context
                                .getPrimaryCache()
                                .list()
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet())
                            : Set.of())
                .withWatchAllNamespaces()
                .withItemStore(new CrdHeaderStore())
                .build(),
            context);
    return List.of(crds);
  }

  @Override
  public UpdateControl<GatewayClass> reconcile(
      GatewayClass gatewayClass, Context<GatewayClass> context) {
    if (gatewayClass.getSpec() == null
        || !GatewayTranslator.CONTROLLER_NAME.equals(gatewayClass.getSpec().getControllerName())) {
      return UpdateControl.noUpdate();
    }
    Snapshot snapshot =
        new Snapshot(
            List.of(gatewayClass),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    GatewayClassStatus translated =
        translator.translate(snapshot).gatewayClasses().get(ObjectRef.of(gatewayClass));
    if (translated == null) {
      return UpdateControl.noUpdate();
    }
    GatewayClassStatus withVersion =
        SupportedVersion.apply(
            translated, gatewayClass, crds.list().toList(), SupportedVersion.Source.CLUSTER);
    GatewayClassStatus status = times.stamp(withVersion, gatewayClass.getStatus());
    if (StatusComparison.sameIgnoringTimes(status, gatewayClass.getStatus())) {
      return UpdateControl.noUpdate();
    }
    GatewayClass patched = context.getClient().getKubernetesSerialization().clone(gatewayClass);
    patched.setStatus(status);
    return UpdateControl.patchStatus(patched);
  }
}
