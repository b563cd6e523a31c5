package dev.lintel.operator.reconcile;

import dev.lintel.operator.translate.GatewayTranslator;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.Snapshot;
import dev.lintel.operator.translate.StatusComparison;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/**
 * Writes the status ({@code Accepted}, supported features) of GatewayClasses whose controllerName
 * is Lintel's. The translator decides it, from a snapshot holding just the class; other classes are
 * left to their controllers.
 */
final class GatewayClassReconciler implements Reconciler<GatewayClass> {
  private final GatewayTranslator translator = new GatewayTranslator();
  private final StatusTimes times;

  GatewayClassReconciler(StatusTimes times) {
    this.times = times;
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
    GatewayClassStatus status = times.stamp(translated, gatewayClass.getStatus());
    if (StatusComparison.sameIgnoringTimes(status, gatewayClass.getStatus())) {
      return UpdateControl.noUpdate();
    }
    GatewayClass patched = context.getClient().getKubernetesSerialization().clone(gatewayClass);
    patched.setStatus(status);
    return UpdateControl.patchStatus(patched);
  }
}
