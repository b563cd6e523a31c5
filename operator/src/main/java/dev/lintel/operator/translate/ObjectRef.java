package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Identifies one Kubernetes object by kind, namespace and name ({@code namespace} is empty for
 * cluster-scoped kinds).
 */
public record ObjectRef(String kind, String namespace, String name)
    implements Comparable<ObjectRef> {
  public ObjectRef {
    namespace = namespace == null ? "" : namespace;
  }

  public static ObjectRef of(HasMetadata object) {
    return new ObjectRef(
        object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  @Override
  public int compareTo(ObjectRef other) {
    int byKind = kind.compareTo(other.kind);
    if (byKind != 0) {
      return byKind;
    }
    int byNamespace = namespace.compareTo(other.namespace);
    return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
