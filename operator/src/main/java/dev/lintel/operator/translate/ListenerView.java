package dev.lintel.operator.translate;

import dev.lintel.proxy.config.ClientValidation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One listener as the translator sees it after validation: a Gateway's own, or one a ListenerSet
 * merges into its parent Gateway.
 *
 * @param owner the Gateway or ListenerSet that declares it (listener names are unique only there)
 * @param spec the listener as written
 * @param index its index in the owner's {@code spec.listeners}
 * @param accepted whether it is accepted: routes attach to it and are counted
 * @param programmable whether it generates data-plane config: accepted, and for HTTPS with at least
 *     one usable certificate
 * @param certificates HTTPS and terminating TLS: {@code namespace/name} of its usable certificates;
 *     else empty
 * @param clientValidation HTTPS: the client certificate validation of its port, with the usable CA
 *     bundles; null when the port validates no client (always for HTTP)
 * @param supportedKinds route kinds that may attach (empty: none)
 * @param conditions its Accepted, ResolvedRefs and Conflicted conditions
 */
record ListenerView(
    ObjectRef owner,
    Listener spec,
    int index,
    boolean accepted,
    boolean programmable,
    List<String> certificates,
    ClientValidation clientValidation,
    List<RouteGroupKind> supportedKinds,
    List<Condition> conditions) {
  /** This view with one more condition. */
  ListenerView withCondition(Condition added) {
    List<Condition> more = new ArrayList<>(conditions);
    more.add(added);
    return new ListenerView(
        owner,
        spec,
        index,
        accepted,
        programmable,
        certificates,
        clientValidation,
        supportedKinds,
        more);
  }

  boolean https() {
    return ListenerTranslator.HTTPS.equals(spec.getProtocol());
  }

  /** A listener of protocol TLS: its connections go to TLSRoutes, chosen by SNI. */
  boolean tls() {
    return ListenerTranslator.TLS.equals(spec.getProtocol());
  }

  String name() {
    return spec.getName();
  }

  int port() {
    return spec.getPort();
  }

  /** Null when the listener accepts any host. */
  String hostname() {
    String hostname = spec.getHostname();
    return hostname == null || hostname.isEmpty() ? null : hostname;
  }

  boolean supportsKind(String group, String kind) {
    return supportedKinds.stream()
        .anyMatch(k -> group.equals(k.getGroup()) && kind.equals(k.getKind()));
  }

  /**
   * Its entry in the owner's {@code status.listeners}; {@code attachedRoutes} counts per name.
   *
   * @param ownerObject the Gateway or ListenerSet, whose generation the conditions carry
   */
  ListenerStatus status(Map<String, Integer> attachedRoutes, HasMetadata ownerObject) {
    List<Condition> all = conditions;
    if (accepted && !programmable) {
      // Known from the translation alone; the shells keep it (see LiveStatus).
      all = new ArrayList<>(conditions);
      all.add(
          Conditions.statusFalse(
              ConditionTypes.PROGRAMMED,
              Reasons.INVALID,
              "listener has no usable certificate; see ResolvedRefs",
              ownerObject));
    }
    return new ListenerStatusBuilder()
        .withName(name())
        .withSupportedKinds(supportedKinds)
        .withAttachedRoutes(attachedRoutes.getOrDefault(name(), 0))
        .withConditions(all)
        .build();
  }

  /**
   * The {@code Accepted} condition of an owner (Gateway or ListenerSet) that depends on its
   * listeners: True when all are accepted, True with reason {@code ListenersNotValid} when some
   * are, False with that reason when none is.
   *
   * @param valid what makes a listener count: accepted (Gateway); accepted with usable certificates
   *     (ListenerSet, whose conformance tests treat a listener without them as invalid)
   * @param accepted the message when the owner is accepted, e.g. "Gateway is accepted"
   */
  static Condition acceptance(
      List<ListenerView> listeners,
      Predicate<ListenerView> valid,
      HasMetadata owner,
      String accepted) {
    if (listeners.stream().allMatch(valid) && !listeners.isEmpty()) {
      return Conditions.statusTrue(ConditionTypes.ACCEPTED, Reasons.ACCEPTED, accepted, owner);
    }
    if (listeners.stream().anyMatch(valid)) {
      return Conditions.statusTrue(
          ConditionTypes.ACCEPTED,
          Reasons.LISTENERS_NOT_VALID,
          accepted + ", but not all of its listeners; see status.listeners",
          owner);
    }
    return Conditions.statusFalse(
        ConditionTypes.ACCEPTED,
        Reasons.LISTENERS_NOT_VALID,
        "no listener is accepted; see status.listeners",
        owner);
  }
}
