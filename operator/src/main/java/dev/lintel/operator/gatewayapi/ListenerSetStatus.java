package dev.lintel.operator.gatewayapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import java.util.List;

/**
 * The status of a {@link ListenerSet}.
 *
 * @param conditions {@code Accepted} and {@code Programmed}
 * @param listeners one entry per listener; the v1 {@code ListenerEntryStatus} has exactly the
 *     fields of a Gateway's {@code ListenerStatus} (name, supportedKinds, attachedRoutes,
 *     conditions)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenerSetStatus(List<Condition> conditions, List<ListenerStatus> listeners) {
  public ListenerSetStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }
}
