package dev.lintel.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * What the reconcile ITs share: the operator as they start it against the fabric8 mock API server
 * (CRUD mode has no server-side apply, so SSA is off) and the condition check they repeat.
 */
final class MockApiOperator {
  /** How long a test waits for the operator to react. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private MockApiOperator() {}

  static LintelOperator start(KubernetesClient client) {
    return LintelOperator.start(
        client, new OperatorSettings("ghcr.io/lintel-dev/lintel:test", false, null));
  }

  /** A condition of that type and status is present, with that reason unless it is null. */
  static void assertCondition(
      List<Condition> conditions, String type, String status, String reason) {
    assertThat(conditions)
        .as("conditions %s", conditions)
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(type);
              assertThat(c.getStatus()).isEqualTo(status);
              if (reason != null) {
                assertThat(c.getReason()).isEqualTo(reason);
              }
            });
  }
}
