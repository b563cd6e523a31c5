package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import dev.lintel.operator.translate.ConditionTimes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The clock of the status writers: stamps {@code lastTransitionTime} on freshly translated statuses
 * with {@link ConditionTimes} (the translator has none). Route entries are stamped one by one, so
 * that entries of other controllers are never touched.
 */
final class StatusTimes {
  private final Clock clock;

  StatusTimes(Clock clock) {
    this.clock = clock;
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  GatewayClassStatus stamp(GatewayClassStatus fresh, GatewayClassStatus old) {
    return ConditionTimes.stamp(fresh, old, now());
  }

  GatewayStatus stamp(GatewayStatus fresh, GatewayStatus old) {
    return ConditionTimes.stamp(fresh, old, now());
  }

  ListenerSetStatus stamp(ListenerSetStatus fresh, ListenerSetStatus old) {
    return ConditionTimes.stamp(fresh, old, now());
  }

  RouteParentStatus stamp(RouteParentStatus fresh, RouteParentStatus old) {
    RouteParentStatus result = new RouteParentStatusBuilder(fresh).build();
    result.setConditions(
        ConditionTimes.stamp(
            fresh.getConditions(), old == null ? null : old.getConditions(), now()));
    return result;
  }

  PolicyAncestorStatus stamp(PolicyAncestorStatus fresh, PolicyAncestorStatus old) {
    PolicyAncestorStatus result = new PolicyAncestorStatusBuilder(fresh).build();
    result.setConditions(
        ConditionTimes.stamp(
            fresh.getConditions(), old == null ? null : old.getConditions(), now()));
    return result;
  }
}
