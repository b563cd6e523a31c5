package dev.lintel.operator.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One status condition as standalone mode reports it.
 *
 * @param type the condition type
 * @param status True, False or Unknown
 * @param reason the reason
 * @param message the message
 * @param observedGeneration the generation the condition was computed for (-1 when missing)
 */
record StatusCondition(
    String type, String status, String reason, String message, long observedGeneration) {

  static StatusCondition of(JsonNode condition) {
    return new StatusCondition(
        condition.path("type").asText(),
        condition.path("status").asText(),
        condition.path("reason").asText(),
        condition.path("message").asText(),
        condition.path("observedGeneration").asLong(-1));
  }

  static List<StatusCondition> listOf(JsonNode conditions) {
    List<StatusCondition> result = new ArrayList<>();
    conditions.forEach(condition -> result.add(of(condition)));
    return List.copyOf(result);
  }

  /** The condition of that type; fails naming what there is instead. */
  static StatusCondition find(List<StatusCondition> conditions, String type, String where) {
    return conditions.stream()
        .filter(condition -> condition.type().equals(type))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type + " condition on " + where + ": " + conditions));
  }

  boolean isTrue() {
    return "True".equals(status);
  }
}
