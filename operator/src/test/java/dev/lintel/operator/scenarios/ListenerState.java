package dev.lintel.operator.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a Gateway's {@code status.listeners}.
 *
 * @param name the listener name
 * @param attachedRoutes the routes counted as attached
 * @param supportedKinds the supported route kinds as {@code group/kind}
 * @param conditions the listener conditions
 */
record ListenerState(
    String name,
    int attachedRoutes,
    List<String> supportedKinds,
    List<StatusCondition> conditions) {

  static ListenerState of(JsonNode listener) {
    List<String> kinds = new ArrayList<>();
    listener
        .path("supportedKinds")
        .forEach(kind -> kinds.add(kind.path("group").asText() + "/" + kind.path("kind").asText()));
    return new ListenerState(
        listener.path("name").asText(),
        listener.path("attachedRoutes").asInt(-1),
        List.copyOf(kinds),
        StatusCondition.listOf(listener.path("conditions")));
  }

  StatusCondition condition(String type) {
    return StatusCondition.find(conditions, type, "listener " + name);
  }
}
