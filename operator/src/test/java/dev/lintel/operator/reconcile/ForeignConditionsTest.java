package dev.lintel.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import org.junit.jupiter.api.Test;

class ForeignConditionsTest {
  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(type)
        .withLastTransitionTime("2026-01-01T00:00:00Z")
        .build();
  }

  @Test
  void conditionsOfOtherWritersSurviveAndOursReplaceTheStoredOnes() {
    GatewayStatus stored =
        new GatewayStatusBuilder()
            .withConditions(
                condition("Accepted", "False", "Pending"),
                condition("example.com/PolicyAttached", "True", "Attached"),
                condition("Programmed", "False", "Pending"))
            .build();
    GatewayStatus ours =
        new GatewayStatusBuilder()
            .withConditions(
                condition("Accepted", "True", "Accepted"),
                condition("Programmed", "True", "Programmed"))
            .build();

    GatewayStatus merged = ForeignConditions.keep(ours, stored);

    assertThat(merged.getConditions())
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Accepted", "True"),
            org.assertj.core.groups.Tuple.tuple("Programmed", "True"),
            org.assertj.core.groups.Tuple.tuple("example.com/PolicyAttached", "True"));
    assertThat(ForeignConditions.keep(ours, null)).isSameAs(ours);
  }

  @Test
  void aTypeLintelOwnsIsNeverKeptFromStorageEvenWhenOmittedNow() {
    GatewayStatus stored =
        new GatewayStatusBuilder()
            .withConditions(condition("Programmed", "True", "Programmed"))
            .build();
    GatewayStatus ours =
        new GatewayStatusBuilder()
            .withConditions(condition("Accepted", "False", "Invalid"))
            .build();
    assertThat(ForeignConditions.keep(ours, stored).getConditions())
        .extracting(Condition::getType)
        .containsExactly("Accepted");
  }
}
