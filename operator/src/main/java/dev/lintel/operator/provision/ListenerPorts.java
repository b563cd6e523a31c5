package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The distinct listener ports of a Gateway, ascending: several listeners may share one port. */
final class ListenerPorts {
  private ListenerPorts() {}

  static List<Integer> of(Gateway gateway) {
    if (gateway.getSpec() == null || gateway.getSpec().getListeners() == null) {
      return List.of();
    }
    TreeSet<Integer> ports = new TreeSet<>();
    gateway.getSpec().getListeners().stream()
        .map(Listener::getPort)
        .filter(Objects::nonNull)
        .filter(port -> port >= 1 && port <= 65535)
        .forEach(ports::add);
    return List.copyOf(ports);
  }

  /** A valid IANA_SVC_NAME (at most 15 characters, has a letter): {@code port-65535} is 10. */
  static String portName(int listenerPort) {
    return "port-" + listenerPort;
  }
}
