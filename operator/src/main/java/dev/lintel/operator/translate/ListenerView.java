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
 * @param accepted whether it generates data-plane config
 * @param supportedKinds route kinds that may attach (empty: none)
 * @param conditions its Accepted, ResolvedRefs and Conflicted conditions
 */
record ListenerView(
    Listener spec,
    int index,
    boolean accepted,
    List<RouteGroupKind> supportedKinds,
    List<Condition> conditions) {
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
