package dev.lintel.operator.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a rejection in a status tree: a condition of a type that means "this object (or part) is
 * not in force" with status False. {@code Programmed} is live state and does not count offline.
 */
final class RejectionFinder {
  private static final Set<String> REJECTING_TYPES = Set.of("Accepted", "ResolvedRefs");

  private RejectionFinder() {}

  static boolean hasRejection(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Object conditions = map.get("conditions");
      if (conditions instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof Map<?, ?> condition
              && REJECTING_TYPES.contains(condition.get("type"))
              && "False".equals(condition.get("status"))) {
            return true;
          }
        }
      }
      return map.values().stream().anyMatch(RejectionFinder::hasRejection);
    }
    if (tree instanceof List<?> list) {
      return list.stream().anyMatch(RejectionFinder::hasRejection);
    }
    return false;
  }
}
