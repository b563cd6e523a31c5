package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Gateway of a Lintel GatewayClass after validation.
 *
 * @param gateway the object
 * @param rejectionReason the reason of {@code Accepted=False} when the Gateway is refused as a
 *     whole ({@code Invalid}: the API server would have refused it; {@code InvalidParameters}), or
 *     null
 * @param rejection why, naming the field, or null; a rejected Gateway gets no listeners, no routes
 *     and no config
 * @param listeners its own listeners in spec order
 * @param listenerSets the ListenerSets that name it as parent and belong to its allowed namespaces,
 *     in merge precedence (oldest first, then namespace/name)
 */
record GatewayView(
    Gateway gateway,
    String rejectionReason,
    String rejection,
    List<ListenerView> listeners,
    List<ListenerSetView> listenerSets) {
  /** The status field the Gateway API v1.6 adds to Gateways; fabric8 7.5.2 does not know it. */
  static final String ATTACHED_LISTENER_SETS = "attachedListenerSets";

  static GatewayView rejected(Gateway gateway, String reason, String message) {
    return new GatewayView(gateway, reason, message, List.of(), List.of());
  }

  static GatewayView of(Gateway gateway, List<ListenerView> listeners) {
    return new GatewayView(gateway, null, null, List.copyOf(listeners), List.of());
  }

  GatewayView withListenerSets(List<ListenerSetView> sets) {
    return new GatewayView(gateway, rejectionReason, rejection, listeners, List.copyOf(sets));
  }

  ObjectRef ref() {
    return ObjectRef.of(gateway);
  }

  boolean valid() {
    return rejection == null;
  }

  /** Accepted depends on the Gateway's own listeners only: ListenerSets attach to it after that. */
  boolean accepted() {
    return valid() && listeners.stream().anyMatch(ListenerView::accepted);
  }

  /** Every listener the data plane serves for this Gateway: its own, then its ListenerSets'. */
  List<ListenerView> servedListeners() {
    List<ListenerView> served = new ArrayList<>(listeners);
    for (ListenerSetView set : listenerSets) {
      if (set.attached()) {
        served.addAll(set.listeners());
      }
    }
    return served;
  }

  /** The status without live state; {@code attachedRoutes} counts routes per listener name. */
  GatewayStatus status(Map<String, Integer> attachedRoutes) {
    List<Condition> conditions = new ArrayList<>();
    if (!valid()) {
      conditions.add(
          Conditions.statusFalse(ConditionTypes.ACCEPTED, rejectionReason, rejection, gateway));
      return new GatewayStatusBuilder().withConditions(conditions).build();
    }
    conditions.add(
        ListenerView.acceptance(listeners, ListenerView::accepted, gateway, "Gateway is accepted"));
    if (FrontendValidation.insecureFallback(gateway)) {
      conditions.add(
          Conditions.statusTrue(
              ConditionTypes.INSECURE_FRONTEND_VALIDATION_MODE,
              Reasons.CONFIGURATION_CHANGED,
              "spec.tls.frontend: AllowInsecureFallback serves clients without a valid"
                  + " certificate",
              gateway));
    }
    GatewayStatusBuilder status = new GatewayStatusBuilder().withConditions(conditions);
    for (ListenerView listener : listeners) {
      status.addToListeners(listener.status(attachedRoutes, gateway));
    }
    if (AllowedListenersPolicy.opensTo(gateway)) {
      // Counted as the spec defines it: ListenerSets allowed, naming this Gateway, Accepted=True.
      int attached = (int) listenerSets.stream().filter(ListenerSetView::accepted).count();
      status.addToAdditionalProperties(ATTACHED_LISTENER_SETS, attached);
    }
    return status.build();
  }
}
