package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTimesTest {
  private static final String THEN = "2024-01-01T00:00:00Z";
  private static final String NOW = "2024-05-05T05:05:05Z";

  private static Condition condition(String type, String status, String reason, String time) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastTransitionTime(time)
        .build();
  }

  @Test
  void keepsTheTimeWhileTypeAndStatusStayTheSame() {
    List<Condition> stamped =
        ConditionTimes.stamp(
            List.of(condition("Accepted", "True", "Accepted", null)),
            List.of(condition("Accepted", "True", "OldReason", THEN)),
            NOW);
    assertThat(stamped.get(0).getLastTransitionTime()).isEqualTo(THEN);
    assertThat(stamped.get(0).getReason()).isEqualTo("Accepted");
  }

  @Test
  void setsNowOnAStatusChangeOrANewCondition() {
    List<Condition> stamped =
        ConditionTimes.stamp(
            List.of(
                condition("Accepted", "False", "Invalid", null),
                condition("ResolvedRefs", "True", "ResolvedRefs", null)),
            List.of(condition("Accepted", "True", "Accepted", THEN)),
            NOW);
    assertThat(stamped).extracting(Condition::getLastTransitionTime).containsExactly(NOW, NOW);
    assertThat(ConditionTimes.stamp(List.of(condition("A", "True", "A", null)), null, NOW))
        .extracting(Condition::getLastTransitionTime)
        .containsExactly(NOW);
  }

  @Test
  void doesNotModifyItsArguments() {
    Condition fresh = condition("Accepted", "True", "Accepted", null);
    ConditionTimes.stamp(List.of(fresh), List.of(), NOW);
    assertThat(fresh.getLastTransitionTime()).isNull();
  }

  @Test
  void matchesListenersByNameAndRouteParentsByRef() {
    GatewayStatus previous =
        new GatewayStatusBuilder()
            .addNewListener()
            .withName("http")
            .withConditions(condition("Accepted", "True", "Accepted", THEN))
            .endListener()
            .build();
    GatewayStatus current =
        new GatewayStatusBuilder()
            .addNewListener()
            .withName("other")
            .withConditions(condition("Accepted", "True", "Accepted", null))
            .endListener()
            .addNewListener()
            .withName("http")
            .withConditions(condition("Accepted", "True", "Accepted", null))
            .endListener()
            .build();
    GatewayStatus stamped = ConditionTimes.stamp(current, previous, NOW);
    assertThat(stamped.getListeners().get(0).getConditions().get(0).getLastTransitionTime())
        .isEqualTo(NOW);
    assertThat(stamped.getListeners().get(1).getConditions().get(0).getLastTransitionTime())
        .isEqualTo(THEN);

    HTTPRouteStatus oldRoute =
        new HTTPRouteStatusBuilder()
            .addNewParent()
            .withNewParentRef()
            .withName("gw")
            .endParentRef()
            .withControllerName(GatewayTranslator.CONTROLLER_NAME)
            .withConditions(condition("Accepted", "True", "Accepted", THEN))
            .endParent()
            .build();
    HTTPRouteStatus newRoute =
        new HTTPRouteStatusBuilder()
            .addNewParent()
            .withNewParentRef()
            .withName("gw")
            .endParentRef()
            .withControllerName(GatewayTranslator.CONTROLLER_NAME)
            .withConditions(condition("Accepted", "True", "Accepted", null))
            .endParent()
            .addNewParent()
            .withNewParentRef()
            .withName("gw2")
            .endParentRef()
            .withControllerName(GatewayTranslator.CONTROLLER_NAME)
            .withConditions(condition("Accepted", "True", "Accepted", null))
            .endParent()
            .build();
    HTTPRouteStatus stampedRoute = ConditionTimes.stamp(newRoute, oldRoute, NOW);
    assertThat(stampedRoute.getParents())
        .extracting(p -> p.getConditions().get(0).getLastTransitionTime())
        .containsExactly(THEN, NOW);
  }

  @Test
  void statusComparisonIgnoresOnlyTimes() {
    GatewayStatus a =
        new GatewayStatusBuilder()
            .withConditions(condition("Accepted", "True", "Accepted", THEN))
            .build();
    GatewayStatus b =
        new GatewayStatusBuilder()
            .withConditions(condition("Accepted", "True", "Accepted", NOW))
            .build();
    GatewayStatus c =
        new GatewayStatusBuilder()
            .withConditions(condition("Accepted", "False", "Invalid", THEN))
            .build();
    assertThat(StatusComparison.sameIgnoringTimes(a, b)).isTrue();
    assertThat(StatusComparison.sameIgnoringTimes(a, c)).isFalse();
    assertThat(StatusComparison.sameIgnoringTimes(a, null)).isFalse();
    assertThat(a.getConditions().get(0).getLastTransitionTime()).isEqualTo(THEN);
  }
}
