package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ListenerSet whose parent is a Gateway of a Lintel GatewayClass, after attachment.
 *
 * @param listenerSet the object
 * @param gateway its parent Gateway
 * @param refusal why it is not attached ({@code NotAllowed}, {@code ParentNotAccepted}, {@code
 *     Invalid}), or null when it is
 * @param message the explanation of the refusal, naming the field, or null
 * @param listeners its listeners merged into the Gateway (empty when refused)
 */
record ListenerSetView(
    ListenerSet listenerSet,
    ObjectRef gateway,
    String refusal,
    String message,
    List<ListenerView> listeners) {
  ObjectRef ref() {
    return ObjectRef.of(listenerSet);
  }

  boolean attached() {
    return refusal == null;
  }

  /**
   * Accepted=True: attached with at least one listener the data plane serves (accepted, and for
   * HTTPS with a usable certificate).
   */
  boolean accepted() {
    return attached() && listeners.stream().anyMatch(ListenerView::programmable);
  }

  /**
   * The status without live state: {@code Accepted}, and {@code Programmed=False} when not accepted
   * (the shell sets it from the data plane otherwise, see {@link LiveStatus}).
   */
  ListenerSetStatus status(Map<String, Integer> attachedRoutes) {
    List<Condition> conditions = new ArrayList<>();
    if (!attached()) {
      conditions.add(
          Conditions.statusFalse(ConditionTypes.ACCEPTED, refusal, message, listenerSet));
      conditions.add(
          Conditions.statusFalse(ConditionTypes.PROGRAMMED, refusal, message, listenerSet));
      return new ListenerSetStatus(conditions, List.of());
    }
    Condition accepted =
        ListenerView.acceptance(
            listeners,
            ListenerView::programmable,
            listenerSet,
            "ListenerSet is attached to Gateway " + gateway.namespace() + "/" + gateway.name());
    conditions.add(accepted);
    if (!accepted()) {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.PROGRAMMED, accepted.getReason(), accepted.getMessage(), listenerSet));
    }
    List<ListenerStatus> entries = new ArrayList<>();
    for (ListenerView listener : listeners) {
      entries.add(listener.status(attachedRoutes, listenerSet));
    }
    return new ListenerSetStatus(conditions, entries);
  }
}
