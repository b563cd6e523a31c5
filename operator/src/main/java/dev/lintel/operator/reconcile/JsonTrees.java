package dev.lintel.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares and merges JSON trees of Kubernetes objects the way a client-side apply would: the API
 * server fills in defaults (clusterIP, nodePorts, terminationMessagePath...), so "is the object as
 * desired" means "does it contain every field we set", and an update lays our fields over the live
 * object instead of replacing it.
 */
final class JsonTrees {
  private JsonTrees() {}

  /**
   * Whether {@code actual} holds every field of {@code desired} with the same value. Objects may
   * have extra fields; arrays must have the same length and contain element by element.
   */
  static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (actual == null || actual.isNull()) {
      return false;
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    return desired.equals(actual);
  }

  /**
   * Lays {@code desired} over {@code target} in place: objects merge field by field, arrays of the
   * same length merge element by element (so a Service port keeps its allocated nodePort), anything
   * else is replaced.
   */
  static JsonNode overlay(JsonNode target, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return target;
    }
    if (target instanceof ObjectNode object && desired.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode existing = object.get(field.getKey());
        object.set(
            field.getKey(),
            existing == null ? field.getValue().deepCopy() : overlay(existing, field.getValue()));
      }
      return object;
    }
    if (target instanceof ArrayNode array && desired.isArray() && array.size() == desired.size()) {
      for (int i = 0; i < desired.size(); i++) {
        array.set(i, overlay(array.get(i), desired.get(i)));
      }
      return array;
    }
    return desired.deepCopy();
  }
}
