package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attaches ListenerSets to their parent Gateways (GEP-1713): the Gateway must be accepted and its
 * {@code allowedListeners} must take the ListenerSet's namespace; the listeners of the attached
 * ones are merged after the Gateway's own, oldest ListenerSet first, then by namespace/name, and a
 * listener that conflicts with one merged before it is the one marked {@code Conflicted}.
 * ListenerSets whose parent is not a Gateway Lintel serves are another controller's and left out.
 */
final class ListenerSetAttacher {
  private static final Comparator<ListenerSet> PRECEDENCE =
      Comparator.comparing(
              (ListenerSet set) -> set.getMetadata().getCreationTimestamp(),
              RoutePrecedence::compareTimestamps)
          .thenComparing(ObjectRef::of);

  private final ListenerTranslator listeners;
  private final NamespacePolicy namespaces;
  private final CertificateRefs certificates;
  private final FrontendValidation frontend;

  ListenerSetAttacher(
      ListenerTranslator listeners,
      NamespacePolicy namespaces,
      CertificateRefs certificates,
      FrontendValidation frontend) {
    this.listeners = listeners;
    this.namespaces = namespaces;
    this.certificates = certificates;
    this.frontend = frontend;
  }

  /**
   * @param gateways the Gateways Lintel serves; each is replaced by a copy that carries its
   *     ListenerSets
   * @return every ListenerSet whose parent is one of those Gateways, attached or refused
   */
  Map<ObjectRef, ListenerSetView> attach(
      Map<ObjectRef, GatewayView> gateways, List<ListenerSet> listenerSets) {
    Map<ObjectRef, List<ListenerSet>> byParent = new TreeMap<>();
    for (ListenerSet set : listenerSets) {
      ListenerSetParents.parentOf(set)
          .filter(gateways::containsKey)
          .ifPresent(parent -> byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(set));
    }
    Map<ObjectRef, ListenerSetView> views = new TreeMap<>();
    for (Map.Entry<ObjectRef, List<ListenerSet>> entry : byParent.entrySet()) {
      GatewayView gateway = gateways.get(entry.getKey());
      List<ListenerSet> sets = new ArrayList<>(entry.getValue());
      sets.sort(PRECEDENCE);
      List<ListenerView> merged = new ArrayList<>(gateway.listeners());
      List<ListenerSetView> attachedToGateway = new ArrayList<>();
      for (ListenerSet set : sets) {
        ListenerSetView view = attachOne(gateway, set, merged);
        merged.addAll(view.listeners());
        views.put(view.ref(), view);
        if (view.attached()) {
          attachedToGateway.add(view);
        }
      }
      gateways.put(entry.getKey(), gateway.withListenerSets(attachedToGateway));
    }
    return views;
  }

  private ListenerSetView attachOne(
      GatewayView gateway, ListenerSet set, List<ListenerView> earlier) {
    String namespace = set.getMetadata().getNamespace();
    if (!gateway.accepted()) {
      return refused(
          set,
          gateway,
          Reasons.PARENT_NOT_ACCEPTED,
          "spec.parentRef: Gateway " + describe(gateway.ref()) + " is not accepted");
    }
    if (!AllowedListenersPolicy.allows(gateway.gateway(), namespace, namespaces)) {
      return refused(
          set,
          gateway,
          Reasons.NOT_ALLOWED,
          "spec.parentRef: the allowedListeners of Gateway "
              + describe(gateway.ref())
              + " do not take ListenerSets from namespace "
              + namespace);
    }
    List<Listener> specs = set.getSpec().listeners();
    Optional<String> problem = ListenerTranslator.validateListeners(specs);
    if (problem.isPresent()) {
      return refused(set, gateway, Reasons.INVALID, problem.get());
    }
    return new ListenerSetView(
        set,
        gateway.ref(),
        null,
        null,
        listeners.translate(set, specs, earlier, certificates, frontend, gateway.gateway()));
  }

  private static ListenerSetView refused(
      ListenerSet set, GatewayView gateway, String reason, String message) {
    return new ListenerSetView(set, gateway.ref(), reason, message, List.of());
  }

  private static String describe(ObjectRef ref) {
    return ref.namespace() + "/" + ref.name();
  }
}
