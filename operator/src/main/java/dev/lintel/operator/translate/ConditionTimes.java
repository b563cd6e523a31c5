package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets {@code lastTransitionTime}, which the translation leaves null (it has no clock). The spec's
 * meaning: the time the condition last changed status. So a condition keeps its previous time when
 * its type and status are unchanged (a new reason or message is not a transition), and gets {@code
 * now} otherwise. All methods return copies and never modify their arguments.
 */
public final class ConditionTimes {
  private ConditionTimes() {}

  /**
   * @param current conditions without times (from the translation)
   * @param previous the conditions currently stored on the object, or null
   * @param now an RFC 3339 timestamp, e.g. {@code 2024-05-01T10:00:00Z}
   */
  public static List<Condition> stamp(
      List<Condition> current, List<Condition> previous, String now) {
    List<Condition> result = new ArrayList<>();
    for (Condition condition : current) {
      String time = now;
      if (previous != null) {
        for (Condition old : previous) {
          if (Objects.equals(old.getType(), condition.getType())
              && Objects.equals(old.getStatus(), condition.getStatus())
              && old.getLastTransitionTime() != null) {
            time = old.getLastTransitionTime();
          }
        }
      }
      result.add(new ConditionBuilder(condition).withLastTransitionTime(time).build());
    }
    return result;
  }

  public static GatewayClassStatus stamp(
      GatewayClassStatus current, GatewayClassStatus previous, String now) {
    GatewayClassStatus result = new GatewayClassStatusBuilder(current).build();
    result.setConditions(
        stamp(current.getConditions(), previous == null ? null : previous.getConditions(), now));
    return result;
  }

  /** Listener conditions are matched by listener name. */
  public static GatewayStatus stamp(GatewayStatus current, GatewayStatus previous, String now) {
    GatewayStatus result = new GatewayStatusBuilder(current).build();
    result.setConditions(
        stamp(current.getConditions(), previous == null ? null : previous.getConditions(), now));
    for (ListenerStatus listener : result.getListeners()) {
      List<Condition> old = null;
      if (previous != null) {
        for (ListenerStatus before : previous.getListeners()) {
          if (Objects.equals(before.getName(), listener.getName())) {
            old = before.getConditions();
          }
        }
      }
      listener.setConditions(stamp(listener.getConditions(), old, now));
    }
    return result;
  }

  /** Listener conditions are matched by listener name. */
  public static ListenerSetStatus stamp(
      ListenerSetStatus current, ListenerSetStatus previous, String now) {
    List<ListenerStatus> listeners = new ArrayList<>();
    for (ListenerStatus listener : current.listeners()) {
      List<Condition> old = null;
      if (previous != null) {
        for (ListenerStatus before : previous.listeners()) {
          if (Objects.equals(before.getName(), listener.getName())) {
            old = before.getConditions();
          }
        }
      }
      ListenerStatus copy = new ListenerStatusBuilder(listener).build();
      copy.setConditions(stamp(listener.getConditions(), old, now));
      listeners.add(copy);
    }
    return new ListenerSetStatus(
        stamp(current.conditions(), previous == null ? null : previous.conditions(), now),
        listeners);
  }

  /** Parent entries are matched by parentRef and controllerName. */
  public static HTTPRouteStatus stamp(
      HTTPRouteStatus current, HTTPRouteStatus previous, String now) {
    HTTPRouteStatus result = new HTTPRouteStatusBuilder(current).build();
    stampParents(result.getParents(), previous == null ? null : previous.getParents(), now);
    return result;
  }

  /** The status of the other route kinds (TLSRoute), as {@link #stamp(HTTPRouteStatus, ...)}. */
  public static RouteStatus stamp(RouteStatus current, RouteStatus previous, String now) {
    RouteStatus result = new RouteStatusBuilder(current).build();
    stampParents(result.getParents(), previous == null ? null : previous.getParents(), now);
    return result;
  }

  /** As for an HTTPRoute. */
  public static GRPCRouteStatus stamp(
      GRPCRouteStatus current, GRPCRouteStatus previous, String now) {
    GRPCRouteStatus result = new GRPCRouteStatusBuilder(current).build();
    stampParents(result.getParents(), previous == null ? null : previous.getParents(), now);
    return result;
  }

  private static void stampParents(
      List<RouteParentStatus> parents, List<RouteParentStatus> previous, String now) {
    for (RouteParentStatus parent : parents) {
      List<Condition> old = null;
      if (previous != null) {
        for (RouteParentStatus before : previous) {
          if (Objects.equals(before.getParentRef(), parent.getParentRef())
              && Objects.equals(before.getControllerName(), parent.getControllerName())) {
            old = before.getConditions();
          }
        }
      }
      parent.setConditions(stamp(parent.getConditions(), old, now));
    }
  }

  /** Ancestor entries are matched by ancestorRef and controllerName. */
  public static PolicyStatus stamp(PolicyStatus current, PolicyStatus previous, String now) {
    PolicyStatus result = new PolicyStatusBuilder(current).build();
    for (PolicyAncestorStatus ancestor : result.getAncestors()) {
      List<Condition> old = null;
      if (previous != null) {
        for (PolicyAncestorStatus before : previous.getAncestors()) {
          if (Objects.equals(before.getAncestorRef(), ancestor.getAncestorRef())
              && Objects.equals(before.getControllerName(), ancestor.getControllerName())) {
            old = before.getConditions();
          }
        }
      }
      ancestor.setConditions(stamp(ancestor.getConditions(), old, now));
    }
    return result;
  }
}
