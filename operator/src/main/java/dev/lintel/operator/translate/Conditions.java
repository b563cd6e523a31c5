package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Builds conditions. {@code lastTransitionTime} stays null: the translation has no clock, the
 * shells stamp it with {@link ConditionTimes}.
 */
public final class Conditions {
  private Conditions() {}

  public static Condition statusTrue(String type, String reason, String message, HasMetadata of) {
    return of(type, "True", reason, message, generationOf(of));
  }

  public static Condition statusFalse(String type, String reason, String message, HasMetadata of) {
    return of(type, "False", reason, message, generationOf(of));
  }

  static Condition of(String type, String status, String reason, String message, Long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .build();
  }

  static Long generationOf(HasMetadata object) {
    return object == null || object.getMetadata() == null
        ? null
        : object.getMetadata().getGeneration();
  }

  static boolean isTrue(Iterable<Condition> conditions, String type) {
    for (Condition condition : conditions) {
      if (type.equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }
}
