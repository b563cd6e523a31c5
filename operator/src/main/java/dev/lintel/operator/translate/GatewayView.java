package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Gateway of a Lintel GatewayClass after validation.
 *
 * @param gateway the object
 * @param rejection why the Gateway is invalid as a whole (the API server would have refused it), or
 *     null; a rejected Gateway gets no listeners, no routes and no config
 * @param listeners its listeners in spec order
 */
record GatewayView(Gateway gateway, String rejection, List<ListenerView> listeners) {
  ObjectRef ref() {
    return ObjectRef.of(gateway);
  }

  boolean valid() {
    return rejection == null;
  }

  boolean accepted() {
    return valid() && listeners.stream().anyMatch(ListenerView::accepted);
  }

  /** The status without live state; {@code attachedRoutes} counts routes per listener name. */
  GatewayStatus status(Map<String, Integer> attachedRoutes) {
    List<Condition> conditions = new ArrayList<>();
    if (!valid()) {
      conditions.add(
          Conditions.statusFalse(ConditionTypes.ACCEPTED, Reasons.INVALID, rejection, gateway));
      return new GatewayStatusBuilder().withConditions(conditions).build();
    }
    if (accepted() && listeners.stream().allMatch(ListenerView::accepted)) {
      conditions.add(
          Conditions.statusTrue(
              ConditionTypes.ACCEPTED, Reasons.ACCEPTED, "Gateway is accepted", gateway));
    } else if (accepted()) {
      // The spec's reason for a Gateway accepted with some of its listeners refused.
      conditions.add(
          Conditions.statusTrue(
              ConditionTypes.ACCEPTED,
              Reasons.LISTENERS_NOT_VALID,
              "Gateway is accepted, but not all of its listeners; see status.listeners",
              gateway));
    } else {
      conditions.add(
          Conditions.statusFalse(
              ConditionTypes.ACCEPTED,
              Reasons.LISTENERS_NOT_VALID,
              "no listener is accepted; see status.listeners",
              gateway));
    }
    GatewayStatusBuilder status = new GatewayStatusBuilder().withConditions(conditions);
    for (ListenerView listener : listeners) {
      List<Condition> listenerConditions = new ArrayList<>(listener.conditions());
      if (listener.accepted() && !listener.programmable()) {
        // Known from the translation alone; the shells keep it (see LiveStatus).
        listenerConditions.add(
            Conditions.statusFalse(
                ConditionTypes.PROGRAMMED,
                Reasons.INVALID,
                "listener has no usable certificate; see ResolvedRefs",
                gateway));
      }
      status.addToListeners(
          new ListenerStatusBuilder()
              .withName(listener.name())
              .withSupportedKinds(listener.supportedKinds())
              .withAttachedRoutes(attachedRoutes.getOrDefault(listener.name(), 0))
              .withConditions(listenerConditions)
              .build());
    }
    return status.build();
  }
}
