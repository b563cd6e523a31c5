package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import java.util.List;

/**
 * One Gateway listener as the translator sees it after validation.
 *
 * @param spec the listener as written
 * @param index its index in {@code spec.listeners}
 * @param accepted whether it is accepted: routes attach to it and are counted
 * @param programmable whether it generates data-plane config: accepted, and for HTTPS with at least
 *     one usable certificate
 * @param certificates HTTPS: {@code namespace/name} of its usable certificates; else empty
 * @param supportedKinds route kinds that may attach (empty: none)
 * @param conditions its Accepted, ResolvedRefs and Conflicted conditions
 */
record ListenerView(
    Listener spec,
    int index,
    boolean accepted,
    boolean programmable,
    List<String> certificates,
    List<RouteGroupKind> supportedKinds,
    List<Condition> conditions) {
  boolean https() {
    return ListenerTranslator.HTTPS.equals(spec.getProtocol());
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
}
