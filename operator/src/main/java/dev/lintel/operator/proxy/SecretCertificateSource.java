package dev.lintel.operator.proxy;

import dev.lintel.proxy.tls.DirectoryCertificateSource;
import dev.lintel.proxy.tls.ReplacingCertificateSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of a proxy pod: its Gateway's own Secret (written by the operator with exactly
 * the certificates the config names), read from the mount at boot and then followed through the API
 * like the config (see {@link NamedObjectInformer}), so a rotated certificate reaches new
 * handshakes within a second instead of waiting for the kubelet to refresh the mount.
 */
public final class SecretCertificateSource extends ReplacingCertificateSource
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecretCertificateSource.class);

  private final KubernetesClient client;
  private final ConfigMapRef ref;
  private SharedIndexInformer<Secret> informer;

  /**
   * @param ref the Secret (named as the ConfigMap)
   * @param mounted where the Deployment mounts it, read once now
   */
  public SecretCertificateSource(KubernetesClient client, ConfigMapRef ref, Path mounted) {
    this.client = client;
    this.ref = ref;
    Map<String, String> files = DirectoryCertificateSource.files(mounted);
    replace(DirectoryCertificateSource.pairs(files), DirectoryCertificateSource.caBundles(files));
  }

  /** Starts following the Secret; returns at once. */
  public synchronized void start() {
    if (informer != null) {
      throw new IllegalStateException("already started");
    }
    informer = NamedObjectInformer.start(client.secrets(), ref, this::offer);
  }

  void offer(Secret secret) {
    if (!ref.name().equals(secret.getMetadata().getName())) {
      return; // defensive: the field selector already guarantees it
    }
    Map<String, String> files = new HashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (name, base64) -> {
                try {
                  byte[] content = Base64.getMimeDecoder().decode(base64);
                  files.put(name, new String(content, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                  LOG.warn("Secret {}: {} is not base64; left out", ref, name);
                }
              });
    }
    replace(DirectoryCertificateSource.pairs(files), DirectoryCertificateSource.caBundles(files));
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }
}
