package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import dev.lintel.operator.translate.StatusComparison;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes a ListenerSet's status for its parent Gateway's reconcile, only when it changed. Only the
 * parent Gateway's reconcile writes it, so there is one writer per ListenerSet; a conflict fails
 * the reconcile and JOSDK retries it with a fresh cache.
 */
final class ListenerSetStatusWriter {
  private final KubernetesClient client;
  private final StatusTimes times;

  ListenerSetStatusWriter(KubernetesClient client, StatusTimes times) {
    this.client = client;
    this.times = times;
  }

  void write(ListenerSet cached, ListenerSetStatus fresh) {
    ListenerSetStatus status = times.stamp(fresh, cached.getStatus());
    if (StatusComparison.sameIgnoringTimes(status, cached.getStatus())) {
      return;
    }
    ListenerSet updated = client.getKubernetesSerialization().clone(cached);
    updated.setStatus(status);
    client.resource(updated).updateStatus();
  }
}
