package dev.lintel.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Consumer;

/**
 * Status writes with optimistic locking on objects several Gateways share (routes, policies): a
 * conflict usually means our cache was a write behind, so the object is read fresh and written once
 * more; a second conflict fails the reconcile and JOSDK retries it.
 */
final class ConflictRetry {
  private ConflictRetry() {}

  /** Runs {@code write} on {@code cached}, and once more on a fresh read after a conflict. */
  static <T extends HasMetadata> void once(
      KubernetesClient client, Class<T> type, T cached, Consumer<T> write) {
    try {
      write.accept(cached);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      T fresh =
          client
              .resources(type)
              .inNamespace(cached.getMetadata().getNamespace())
              .withName(cached.getMetadata().getName())
              .get();
      if (fresh != null) {
        write.accept(fresh);
      }
    }
  }
}
