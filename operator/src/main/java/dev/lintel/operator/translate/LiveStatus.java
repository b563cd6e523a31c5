package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddressBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds the live part of a Gateway's status to its translated status: the Gateway and listener
 * {@code Programmed} conditions and {@code addresses}. Pure: the shell supplies the {@link
 * LiveState}.
 */
public final class LiveStatus {
  private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

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
    } else if (live.programmed()) {
      programmed =
          Conditions.of(
              ConditionTypes.PROGRAMMED, "True", Reasons.PROGRAMMED, live.message(), generation);
    } else {
      programmed =
          Conditions.of(
              ConditionTypes.PROGRAMMED, "False", Reasons.PENDING, live.message(), generation);
    }
    status.setConditions(replace(status.getConditions(), programmed));

    for (ListenerStatus listener : status.getListeners()) {
      boolean listenerAccepted =
          Conditions.isTrue(listener.getConditions(), ConditionTypes.ACCEPTED);
      Condition condition;
      if (listenerAccepted && hasCondition(listener.getConditions(), ConditionTypes.PROGRAMMED)) {
        continue; // the translation already knows it cannot be programmed
      }
      if (!listenerAccepted) {
        condition =
            Conditions.of(
                ConditionTypes.PROGRAMMED,
                "False",
                Reasons.INVALID,
                "listener is not accepted",
                generation);
      } else if (accepted && live.programmed()) {
        condition =
            Conditions.of(
                ConditionTypes.PROGRAMMED,
                "True",
                Reasons.PROGRAMMED,
                "listener is programmed",
                generation);
      } else {
        condition =
            Conditions.of(
                ConditionTypes.PROGRAMMED, "False", Reasons.PENDING, live.message(), generation);
      }
      listener.setConditions(replace(listener.getConditions(), condition));
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

  /** The Gateway API address type of a value: {@code IPAddress} or {@code Hostname}. */
  static String addressType(String address) {
    return IPV4.matcher(address).matches() || IPV6.matcher(address).matches()
        ? "IPAddress"
        : "Hostname";
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
