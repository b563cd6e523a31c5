package dev.lintel.operator.manifests;

import dev.lintel.operator.translate.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What a load produced.
 *
 * @param objects every document that loaded, in file then document order; kinds Lintel does not
 *     read are kept as {@link GenericKubernetesResource} (see {@link #ignored()})
 * @param errors every document or file that did not load
 */
public record LoadResult(List<HasMetadata> objects, List<ManifestError> errors) {
  public LoadResult {
    objects = List.copyOf(objects);
    errors = List.copyOf(errors);
  }

  /** The loaded objects of kinds the translator does not read, for reporting. */
  public List<ObjectRef> ignored() {
    return objects.stream()
        .filter(GenericKubernetesResource.class::isInstance)
        .map(ObjectRef::of)
        .toList();
  }
}
