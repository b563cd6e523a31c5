package dev.lintel.operator.reconcile;

import dev.lintel.operator.translate.StatusComparison;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes one Gateway's share of a BackendTLSPolicy's {@code status.ancestors}: entries of other
 * controllers and of other Gateways stay untouched and in place, ours for this Gateway are replaced
 * in place (condition times kept while a status holds), removed when the Gateway no longer sends to
 * the policy's Services, and added when new. Optimistic locking as for routes: one retry on a
 * conflict with a fresh read, then JOSDK's.
 */
final class PolicyStatusWriter {
  private final KubernetesClient client;
  private final String controllerName;
  private final StatusTimes times;

  PolicyStatusWriter(KubernetesClient client, String controllerName, StatusTimes times) {
    this.client = client;
    this.controllerName = controllerName;
    this.times = times;
  }

  /**
   * @param translated the translator's status of the policy (our entries for every Gateway), or
   *     null when no Gateway of ours sends to its Services
   */
  void write(BackendTLSPolicy cached, PolicyStatus translated, ResourceID gateway) {
    ConflictRetry.once(
        client, BackendTLSPolicy.class, cached, policy -> writeOnce(policy, translated, gateway));
  }

  private void writeOnce(BackendTLSPolicy policy, PolicyStatus translated, ResourceID gateway) {
    PolicyStatus merged = merge(policy, translated, gateway);
    if (StatusComparison.sameIgnoringTimes(merged, policy.getStatus())) {
      return;
    }
    BackendTLSPolicy updated = client.getKubernetesSerialization().clone(policy);
    updated.setStatus(merged);
    client.resource(updated).updateStatus();
  }

  PolicyStatus merge(BackendTLSPolicy policy, PolicyStatus translated, ResourceID gateway) {
    PolicyAncestorStatus fresh = null;
    if (translated != null && translated.getAncestors() != null) {
      for (PolicyAncestorStatus entry : translated.getAncestors()) {
        if (isGateway(entry.getAncestorRef(), gateway)) {
          fresh = entry;
        }
      }
    }
    List<PolicyAncestorStatus> old =
        policy.getStatus() == null || policy.getStatus().getAncestors() == null
            ? List.of()
            : policy.getStatus().getAncestors();
    List<PolicyAncestorStatus> merged = new ArrayList<>();
    for (PolicyAncestorStatus entry : old) {
      if (!controllerName.equals(entry.getControllerName())
          || !isGateway(entry.getAncestorRef(), gateway)) {
        merged.add(entry);
      } else if (fresh != null) {
        merged.add(times.stamp(fresh, entry));
        fresh = null;
      }
    }
    if (fresh != null) {
      merged.add(times.stamp(fresh, null));
    }
    PolicyStatus status = new PolicyStatus();
    status.setAncestors(merged);
    return status;
  }

  private static boolean isGateway(ParentReference ref, ResourceID gateway) {
    return ref != null
        && "Gateway".equals(ref.getKind() == null ? "Gateway" : ref.getKind())
        && Objects.equals(ref.getName(), gateway.getName())
        && Objects.equals(ref.getNamespace(), gateway.getNamespace().orElse(null));
  }
}
