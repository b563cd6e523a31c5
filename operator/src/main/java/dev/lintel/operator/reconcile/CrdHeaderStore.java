package dev.lintel.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The informer cache of CustomResourceDefinitions, keeping of each only what the SupportedVersion
 * condition reads: name, annotations, resource version and API group. A CRD's schema runs to
 * hundreds of kilobytes (the Gateway API ones among the largest) and a cluster may hold hundreds of
 * CRDs; the operator has no use for any of it.
 */
final class CrdHeaderStore extends BasicItemStore<CustomResourceDefinition> {
  CrdHeaderStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public CustomResourceDefinition put(String key, CustomResourceDefinition crd) {
    return super.put(key, header(crd));
  }

  static CustomResourceDefinition header(CustomResourceDefinition crd) {
    return new CustomResourceDefinitionBuilder()
        .withApiVersion(crd.getApiVersion())
        .withKind(crd.getKind())
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(crd.getMetadata().getName())
                .withUid(crd.getMetadata().getUid())
                .withResourceVersion(crd.getMetadata().getResourceVersion())
                .withGeneration(crd.getMetadata().getGeneration())
                .withAnnotations(crd.getMetadata().getAnnotations())
                .build())
        .withNewSpec()
        .withGroup(crd.getSpec() == null ? null : crd.getSpec().getGroup())
        .endSpec()
        .build();
  }
}
