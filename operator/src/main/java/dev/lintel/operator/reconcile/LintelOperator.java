package dev.lintel.operator.reconcile;

import dev.lintel.operator.provision.GatewayProvisioner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator of {@code lintel operator}: a JOSDK {@link Operator} running the GatewayClass and
 * Gateway reconcilers on the given client. The client stays the caller's: closing the operator does
 * not close it.
 */
public final class LintelOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LintelOperator.class);

  private final Operator operator;

  private LintelOperator(Operator operator) {
    this.operator = operator;
  }

  /** Registers the reconcilers and starts them; returns once the informers are synced. */
  public static LintelOperator start(KubernetesClient client, OperatorSettings settings) {
    return start(client, settings, Clock.systemUTC());
  }

  static LintelOperator start(KubernetesClient client, OperatorSettings settings, Clock clock) {
    Operator operator =
        new Operator(
            overrider ->
                overrider
                    .withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(settings.useSsa())
                    .withUseSSAToPatchPrimaryResource(settings.useSsa()));
    StatusTimes times = new StatusTimes(clock);
    operator.register(new GatewayClassReconciler(times));
    GatewayProvisioner provisioner = new GatewayProvisioner(settings.provisionSettings());
    operator.register(
        new GatewayReconciler(client, provisioner, times),
        config -> {
          if (settings.namespace() != null) {
            config.settingNamespace(settings.namespace());
          }
        });
    operator.start();
    LOG.info(
        "Lintel operator started (namespace: {}, proxy image: {})",
        settings.namespace() == null ? "all" : settings.namespace(),
        settings.proxyImage());
    return new LintelOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
