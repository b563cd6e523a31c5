package dev.lintel.operator.standalone;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets {@code lastTransitionTime} on every condition of a status tree, the way the operator does: a
 * condition whose status did not change keeps the time it had, any other gets {@code now}.
 * Conditions are found wherever they nest (Gateway listeners, route parents), matched by path and
 * type.
 */
final class ConditionTimestamps {
  private ConditionTimestamps() {}

  static void stamp(Object current, Object previous, String now) {
    if (current instanceof Map<?, ?> map) {
      Map<?, ?> old = previous instanceof Map<?, ?> p ? p : Map.of();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if ("conditions".equals(entry.getKey()) && entry.getValue() instanceof List<?> conditions) {
          stampConditions(conditions, old.get("conditions"), now);
        } else {
          stamp(entry.getValue(), old.get(entry.getKey()), now);
        }
      }
    } else if (current instanceof List<?> list) {
      List<?> old = previous instanceof List<?> p ? p : List.of();
      for (int i = 0; i < list.size(); i++) {
        stamp(list.get(i), i < old.size() ? old.get(i) : null, now);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void stampConditions(List<?> conditions, Object previous, String now) {
    List<?> old = previous instanceof List<?> p ? p : List.of();
    for (Object item : conditions) {
      if (!(item instanceof Map<?, ?> condition)) {
        continue;
      }
      Object kept = null;
      for (Object before : old) {
        if (before instanceof Map<?, ?> b
            && Objects.equals(b.get("type"), condition.get("type"))
            && Objects.equals(b.get("status"), condition.get("status"))) {
          kept = b.get("lastTransitionTime");
        }
      }
      ((Map<String, Object>) condition).put("lastTransitionTime", kept != null ? kept : now);
    }
  }
}
