package dev.lintel.operator.proxy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informs on exactly one object of a proxy pod (field selector {@code metadata.name}): the proxy's
 * Role grants list/watch with {@code resourceNames}, which the API server authorizes only for such
 * a request. A deleted object changes nothing: the proxy keeps what it loaded from it.
 */
final class NamedObjectInformer {
  private static final Logger LOG = LoggerFactory.getLogger(NamedObjectInformer.class);

  private NamedObjectInformer() {}

  /**
   * Starts informing; returns at once (the informer retries while the API is away).
   *
   * @param offer called with every version seen, the first one included
   */
  static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      SharedIndexInformer<T> start(
          MixedOperation<T, L, R> objects, ConfigMapRef ref, Consumer<T> offer) {
    SharedIndexInformer<T> informer =
        objects
            .inNamespace(ref.namespace())
            .withField("metadata.name", ref.name())
            .runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T object) {
            offer.accept(object);
          }

          @Override
          public void onUpdate(T oldObject, T newObject) {
            offer.accept(newObject);
          }

          @Override
          public void onDelete(T object, boolean deletedFinalStateUnknown) {
            LOG.warn(
                "{} {} was deleted; still serving what was loaded from it", object.getKind(), ref);
          }
        });
    informer.start();
    return informer;
  }
}
