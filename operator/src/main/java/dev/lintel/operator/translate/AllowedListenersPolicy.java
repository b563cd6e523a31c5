package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedListeners;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerNamespaces;
import java.util.Optional;
import java.util.Set;

/**
 * A Gateway's {@code spec.allowedListeners.namespaces}: which namespaces' ListenerSets may attach.
 * {@code None} (the default) keeps the Gateway to its own listeners; {@code Same}, {@code All} and
 * {@code Selector} (namespace labels) open it.
 */
final class AllowedListenersPolicy {
  static final String NONE = "None";
  private static final Set<String> FROM_VALUES = Set.of(NONE, "Same", "All", "Selector");

  private AllowedListenersPolicy() {}

  /** What the CRD schema would refuse, naming the field. */
  static Optional<String> problem(Gateway gateway) {
    ListenerNamespaces namespaces = namespacesOf(gateway);
    if (namespaces == null || namespaces.getFrom() == null) {
      return Optional.empty();
    }
    if (!FROM_VALUES.contains(namespaces.getFrom())) {
      return Optional.of(
          "spec.allowedListeners.namespaces.from: '"
              + namespaces.getFrom()
              + "' is not one of None, Same, All, Selector");
    }
    if (namespaces.getFrom().equals("Selector") && namespaces.getSelector() == null) {
      return Optional.of(
          "spec.allowedListeners.namespaces.selector: required when from is Selector");
    }
    return Optional.empty();
  }

  /** Whether the Gateway takes ListenerSets at all. */
  static boolean opensTo(Gateway gateway) {
    return !NONE.equals(fromOf(gateway));
  }

  /** Whether a ListenerSet in {@code namespace} may attach to the Gateway. */
  static boolean allows(Gateway gateway, String namespace, NamespacePolicy namespaces) {
    ListenerNamespaces policy = namespacesOf(gateway);
    return switch (fromOf(gateway)) {
      case "All" -> true;
      case "Same" -> gateway.getMetadata().getNamespace().equals(namespace);
      case "Selector" -> namespaces.selects(policy.getSelector(), namespace);
      default -> false;
    };
  }

  private static String fromOf(Gateway gateway) {
    ListenerNamespaces namespaces = namespacesOf(gateway);
    return namespaces == null || namespaces.getFrom() == null ? NONE : namespaces.getFrom();
  }

  private static ListenerNamespaces namespacesOf(Gateway gateway) {
    AllowedListeners allowed = gateway.getSpec().getAllowedListeners();
    return allowed == null ? null : allowed.getNamespaces();
  }
}
