package dev.lintel.operator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares statuses the way the status writers must: a status that differs only in {@code
 * lastTransitionTime} is the same status, and writing it again would only churn the API server and
 * wake every watcher.
 */
public final class StatusComparison {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TIME = "lastTransitionTime";

  private StatusComparison() {}

  /** Whether {@code a} and {@code b} are equal once every {@code lastTransitionTime} is removed. */
  public static boolean sameIgnoringTimes(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    return withoutTimes(MAPPER.valueToTree(a)).equals(withoutTimes(MAPPER.valueToTree(b)));
  }

  private static JsonNode withoutTimes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(TIME);
    }
    node.forEach(StatusComparison::withoutTimes);
    return node;
  }
}
