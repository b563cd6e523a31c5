package dev.lintel.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the Gateway conditions other writers own. Lintel writes the condition types it knows
 * (Accepted, Programmed); a condition of another type on a Gateway belongs to someone else (a
 * policy controller, a human) and must survive Lintel's status updates (Gateway API conformance
 * test GatewayPreserveForeignConditions).
 */
final class ForeignConditions {
  private ForeignConditions() {}

  /**
   * {@code ours} with the conditions of {@code stored} whose types {@code ours} does not write
   * appended after Lintel's own, unchanged.
   */
  static GatewayStatus keep(GatewayStatus ours, GatewayStatus stored) {
    if (stored == null || stored.getConditions() == null || stored.getConditions().isEmpty()) {
      return ours;
    }
    Set<String> ownTypes = new HashSet<>();
    for (Condition condition : ours.getConditions()) {
      ownTypes.add(condition.getType());
    }
    List<Condition> merged = new ArrayList<>(ours.getConditions());
    for (Condition condition : stored.getConditions()) {
      if (!ownTypes.contains(condition.getType()) && !OWN.contains(condition.getType())) {
        merged.add(condition);
      }
    }
    return new GatewayStatusBuilder(ours).withConditions(merged).build();
  }

  /** Types Lintel writes on Gateways, even when a given status omits one of them. */
  private static final Set<String> OWN = Set.of("Accepted", "Programmed", "Ready");
}
