package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener's {@code allowedRoutes.namespaces}: {@code Same} (the default), {@code All}, or {@code
 * Selector} over namespace labels. "Same" is the namespace of the listener's owner: its Gateway, or
 * its ListenerSet.
 */
final class NamespacePolicy {
  /** Set on every namespace by the API server; a namespace missing from the snapshot has it too. */
  private static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private final Map<String, Map<String, String>> labels = new HashMap<>();

  NamespacePolicy(List<Namespace> namespaces) {
    for (Namespace namespace : namespaces) {
      Map<String, String> own = namespace.getMetadata().getLabels();
      labels.put(namespace.getMetadata().getName(), own == null ? Map.of() : Map.copyOf(own));
    }
  }

  boolean allows(RouteNamespaces policy, String ownerNamespace, String routeNamespace) {
    String from = policy == null || policy.getFrom() == null ? "Same" : policy.getFrom();
    return switch (from) {
      case "All" -> true;
      case "Selector" -> selects(policy.getSelector(), routeNamespace);
      default -> ownerNamespace.equals(routeNamespace);
    };
  }

  /** Whether the label selector selects the namespace. */
  boolean selects(LabelSelector selector, String namespace) {
    return matches(selector, labelsOf(namespace));
  }

  private Map<String, String> labelsOf(String namespace) {
    Map<String, String> result = new HashMap<>(labels.getOrDefault(namespace, Map.of()));
    result.put(NAME_LABEL, namespace);
    return result;
  }

  /**
   * Kubernetes label selector semantics: every matchLabels entry and every expression must hold.
   */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
        if (!required.getValue().equals(labels.get(required.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!matches(requirement, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator() == null ? "" : requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false; // an unknown operator selects nothing rather than everything
    };
  }
}
