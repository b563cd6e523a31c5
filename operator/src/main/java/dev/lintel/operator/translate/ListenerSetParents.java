package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.ParentGatewayReference;
import java.util.Optional;

/** Reads a ListenerSet's {@code spec.parentRef} with the Gateway API defaults. */
public final class ListenerSetParents {
  private ListenerSetParents() {}

  /**
   * The Gateway a ListenerSet names, or empty when its parentRef names another kind (or nothing).
   * {@code group} defaults to the Gateway API's, {@code kind} to Gateway, {@code namespace} to the
   * ListenerSet's own.
   */
  public static Optional<ObjectRef> parentOf(ListenerSet set) {
    ParentGatewayReference ref = set.getSpec() == null ? null : set.getSpec().parentRef();
    if (ref == null || ref.name() == null) {
      return Optional.empty();
    }
    String group = ref.group() == null ? ListenerTranslator.GATEWAY_GROUP : ref.group();
    String kind = ref.kind() == null ? "Gateway" : ref.kind();
    if (!group.equals(ListenerTranslator.GATEWAY_GROUP) || !kind.equals("Gateway")) {
      return Optional.empty();
    }
    String namespace = ref.namespace() == null ? set.getMetadata().getNamespace() : ref.namespace();
    return Optional.of(new ObjectRef("Gateway", namespace, ref.name()));
  }
}
