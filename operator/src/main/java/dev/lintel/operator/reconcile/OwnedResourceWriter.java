package dev.lintel.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Create-or-update of the objects provisioned for a Gateway, with plain create and update (no
 * server-side apply: the fabric8 mock server has none, and JOSDK's SSA is off in tests). An object
 * that already holds every desired field is left alone, so an unchanged reconcile writes nothing.
 */
final class OwnedResourceWriter {
  /** An object of the desired name exists but another owner controls it: Lintel leaves it alone. */
  static final class NameTakenException extends Exception {
    NameTakenException(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;

  OwnedResourceWriter(KubernetesClient client) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
  }

  /**
   * Makes the cluster hold {@code desired}.
   *
   * @param actual the live object (from an informer cache or a GET), or null when there is none
   * @return the object as the cluster holds it now
   */
  @SuppressWarnings("unchecked")
  <T extends HasMetadata> T apply(T desired, T actual) throws NameTakenException {
    if (actual == null) {
      return client.resource(desired).create();
    }
    requireSameController(desired, actual);
    JsonNode live = serialization.convertValue(actual, JsonNode.class);
    JsonNode wanted = serialization.convertValue(desired, JsonNode.class);
    if (JsonTrees.contains(live, wanted) && sameConfigData(desired, actual)) {
      return actual;
    }
    ObjectNode merged = (ObjectNode) JsonTrees.overlay(live.deepCopy(), wanted);
    if (desired instanceof ConfigMap) {
      // Switching between plain and gzip must not leave the other key behind.
      replaceField(merged, wanted, "data");
      replaceField(merged, wanted, "binaryData");
    }
    T updated = (T) serialization.convertValue(merged, desired.getClass());
    return client.resource(updated).update();
  }

  private static boolean sameConfigData(HasMetadata desired, HasMetadata actual) {
    if (desired instanceof ConfigMap wanted && actual instanceof ConfigMap live) {
      return Objects.equals(emptyToNull(wanted.getData()), emptyToNull(live.getData()))
          && Objects.equals(emptyToNull(wanted.getBinaryData()), emptyToNull(live.getBinaryData()));
    }
    return true;
  }

  private static Object emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static void replaceField(ObjectNode target, JsonNode source, String field) {
    if (source.has(field)) {
      target.set(field, source.get(field).deepCopy());
    } else {
      target.remove(field);
    }
  }

  private static void requireSameController(HasMetadata desired, HasMetadata actual)
      throws NameTakenException {
    OwnerReference wanted = controllerOf(desired);
    OwnerReference live = controllerOf(actual);
    if (wanted != null && (live == null || !Objects.equals(wanted.getUid(), live.getUid()))) {
      throw new NameTakenException(
          actual.getKind()
              + " "
              + actual.getMetadata().getNamespace()
              + "/"
              + actual.getMetadata().getName()
              + " exists and is not controlled by this Gateway");
    }
  }

  private static OwnerReference controllerOf(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return null;
    }
    return owners.stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .findFirst()
        .orElse(null);
  }
}
