package dev.lintel.operator.proxy;

import dev.lintel.operator.provision.ProxyConfigMapFactory;
import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.server.ConfigReloader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a proxy on the config of one ConfigMap. It informs on exactly that object (see {@link
 * NamedObjectInformer}), so an update is served within a second without a pod restart and without
 * waiting for the kubelet to refresh the mounted file.
 *
 * <p>Each distinct text is tried once: an identical text is not re-applied, a bad one (unreadable,
 * invalid, unbindable) is logged once as a WARN, counted in {@link #failures()}, and the last good
 * config keeps serving. A deleted ConfigMap changes nothing either.
 */
public final class ConfigMapConfigSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapConfigSource.class);

  private final KubernetesClient client;
  private final ConfigMapRef ref;
  private final ConfigReloader reloader;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();

  /** The last text handed to the reloader, good or bad; guarded by {@code this}. */
  private String lastText;

  /** Whether the last version seen had no readable text (warned about once); guarded by this. */
  private boolean lastUnreadable;

  private SharedIndexInformer<ConfigMap> informer;

  public ConfigMapConfigSource(KubernetesClient client, ConfigMapRef ref, ConfigReloader reloader) {
    this.client = client;
    this.ref = ref;
    this.reloader = reloader;
  }

  /**
   * Loads the copy mounted by the Deployment, so the proxy serves before (or without) the API.
   * Fails when there is no readable, valid config: there is no last good one yet.
   *
   * @param directory the mount point ({@code /etc/lintel})
   */
  public synchronized void loadMounted(Path directory) throws IOException, ConfigException {
    Path plain = directory.resolve(ProxyConfigMapFactory.CONFIG_KEY);
    Path gzip = directory.resolve(ProxyConfigMapFactory.GZIP_KEY);
    String text;
    Path source;
    if (Files.exists(plain)) {
      source = plain;
      text = Files.readString(plain, StandardCharsets.UTF_8);
    } else {
      source = gzip;
      try (InputStream in = Files.newInputStream(gzip)) {
        text = ConfigMapText.gunzip(in);
      }
    }
    reloader.load(text, source.toString());
    lastText = text;
    applied.incrementAndGet();
  }

  /**
   * Starts following the ConfigMap; returns at once (the informer retries while the API is away).
   */
  public synchronized void start() {
    if (informer != null) {
      throw new IllegalStateException("already started");
    }
    informer = NamedObjectInformer.start(client.configMaps(), ref, this::offer);
  }

  /**
   * Config versions rejected so far (unreadable text, invalid config, or a port that won't bind).
   */
  public long failures() {
    return failures.get();
  }

  /** Config versions applied so far, the mounted one included. */
  public long applied() {
    return applied.get();
  }

  synchronized void offer(ConfigMap map) {
    if (!ref.name().equals(map.getMetadata().getName())) {
      return; // defensive: the field selector already guarantees it
    }
    String text;
    try {
      text = ConfigMapText.of(map);
    } catch (IOException e) {
      if (lastUnreadable) {
        return;
      }
      lastUnreadable = true;
      failures.incrementAndGet();
      LOG.warn(
          "ConfigMap {} holds no readable config, keeping the last good one: {}",
          ref,
          e.getMessage());
      return;
    }
    lastUnreadable = false;
    if (Objects.equals(text, lastText)) {
      return;
    }
    lastText = text;
    if (reloader.applyText(text, "configmap " + ref)) {
      applied.incrementAndGet();
    } else {
      failures.incrementAndGet();
    }
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }
}
