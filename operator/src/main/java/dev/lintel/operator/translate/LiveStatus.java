package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddressBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the live part of a Gateway's (and its ListenerSets') status to the translated status: the
 * {@code Programmed} conditions of the object and its listeners, and a Gateway's {@code addresses}.
 * Pure: the shell supplies the {@link LiveState}.
 */
public final class LiveStatus {
  private LiveStatus() {}

  /** A copy of {@code translated} with live state; {@code translated} is not modified. */
  public static GatewayStatus apply(GatewayStatus translated, Gateway gateway, LiveState live) {
    GatewayStatus status = new GatewayStatusBuilder(translated).build();
    Long generation = generationOf(gateway, translated);
    boolean accepted = Conditions.isTrue(status.getConditions(), ConditionTypes.ACCEPTED);
    Condition programmed;
    if (!accepted) {
      programmed =
          Conditions.of(
              ConditionTypes.PROGRAMMED,
              "False",
              Reasons.INVALID,
              "Gateway is not accepted",
              generation);
    } else {
      programmed =
          Conditions.of(
              ConditionTypes.PROGRAMMED,
              live.programmed() ? "True" : "False",
              live.reason(),
              live.message(),
              generation);
    }
    status.setConditions(replace(status.getConditions(), programmed));

    for (ListenerStatus listener : status.getListeners()) {
      if (Conditions.isTrue(listener.getConditions(), ConditionTypes.ACCEPTED)
          && hasCondition(listener.getConditions(), ConditionTypes.PROGRAMMED)) {
        continue; // the translation already knows it cannot be programmed
      }
      listener.setConditions(
          replace(
              listener.getConditions(), listenerProgrammed(listener, accepted, live, generation)));
    }

    List<GatewayStatusAddress> addresses = new ArrayList<>();
    for (String address : live.addresses()) {
      addresses.add(
          new GatewayStatusAddressBuilder()
              .withType(addressType(address))
              .withValue(address)
              .build());
    }
    status.setAddresses(addresses);
    return status;
  }

  /**
   * A copy of a ListenerSet's translated status with live state: an accepted ListenerSet and its
   * accepted listeners are {@code Programmed} when their Gateway's data plane serves its config. A
   * ListenerSet that is not accepted keeps the translator's {@code Programmed=False}; each of its
   * listeners gets {@code Programmed=False} as a refused Gateway listener does.
   */
  public static ListenerSetStatus apply(
      ListenerSetStatus translated, ListenerSet listenerSet, LiveState live) {
    boolean accepted = Conditions.isTrue(translated.conditions(), ConditionTypes.ACCEPTED);
    Long generation = Conditions.generationOf(listenerSet);
    List<ListenerStatus> listeners = new ArrayList<>();
    for (ListenerStatus listener : translated.listeners()) {
      ListenerStatus copy = new ListenerStatusBuilder(listener).build();
      if (Conditions.isTrue(copy.getConditions(), ConditionTypes.ACCEPTED)
          && hasCondition(copy.getConditions(), ConditionTypes.PROGRAMMED)) {
        listeners.add(copy); // the translation already knows it cannot be programmed
        continue;
      }
      copy.setConditions(
          replace(copy.getConditions(), listenerProgrammed(copy, accepted, live, generation)));
      listeners.add(copy);
    }
    if (!accepted) {
      return new ListenerSetStatus(translated.conditions(), listeners);
    }
    Condition programmed =
        live.programmed()
            ? Conditions.of(
                ConditionTypes.PROGRAMMED, "True", Reasons.PROGRAMMED, live.message(), generation)
            : Conditions.of(
                ConditionTypes.PROGRAMMED, "False", Reasons.PENDING, live.message(), generation);
    return new ListenerSetStatus(replace(translated.conditions(), programmed), listeners);
  }

  private static Condition listenerProgrammed(
      ListenerStatus listener, boolean parentAccepted, LiveState live, Long generation) {
    if (!Conditions.isTrue(listener.getConditions(), ConditionTypes.ACCEPTED)) {
      // A listener that lost a conflict says so in Programmed too (as the conformance tests of
      // ListenerSets expect); any other refusal is Invalid.
      String reason = conflictReason(listener.getConditions());
      return Conditions.of(
          ConditionTypes.PROGRAMMED,
          "False",
          reason == null ? Reasons.INVALID : reason,
          "listener is not accepted",
          generation);
    }
    if (parentAccepted && live.programmed()) {
      return Conditions.of(
          ConditionTypes.PROGRAMMED,
          "True",
          Reasons.PROGRAMMED,
          "listener is programmed",
          generation);
    }
    return Conditions.of(
        ConditionTypes.PROGRAMMED, "False", Reasons.PENDING, live.message(), generation);
  }

  private static String conflictReason(List<Condition> conditions) {
    for (Condition condition : conditions) {
      if (ConditionTypes.CONFLICTED.equals(condition.getType())
          && "True".equals(condition.getStatus())) {
        return condition.getReason();
      }
    }
    return null;
  }

  /** The Gateway API address type of a value: {@code IPAddress} or {@code Hostname}. */
  static String addressType(String address) {
    return GatewayAddresses.isIpLiteral(address) ? GatewayAddresses.IP_ADDRESS : "Hostname";
  }

  private static boolean hasCondition(List<Condition> conditions, String type) {
    return conditions.stream().anyMatch(condition -> type.equals(condition.getType()));
  }

  private static List<Condition> replace(List<Condition> conditions, Condition added) {
    List<Condition> result = new ArrayList<>();
    for (Condition condition : conditions) {
      if (!added.getType().equals(condition.getType())) {
        result.add(condition);
      }
    }
    result.add(added);
    return result;
  }

  private static Long generationOf(Gateway gateway, GatewayStatus translated) {
    if (gateway != null && gateway.getMetadata() != null) {
      return gateway.getMetadata().getGeneration();
    }
    return translated.getConditions().isEmpty()
        ? null
        : translated.getConditions().get(0).getObservedGeneration();
  }
}
