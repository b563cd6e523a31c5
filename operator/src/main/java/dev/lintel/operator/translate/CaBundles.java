package dev.lintel.operator.translate;

import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.tls.CaBundlePem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CA bundles of ConfigMaps ({@code ca.crt}) that client certificate validation and TLS to
 * backends trust, as the proxy takes them: the shells hand the proxy exactly the bundles its config
 * names (by {@code namespace/name}), never more.
 */
public final class CaBundles {
  /** The ConfigMap key that holds the bundle, as the Gateway API names it. */
  static final String CA_KEY = "ca.crt";

  private CaBundles() {}

  /** The bundle of every CA reference {@code config} names that {@code configMaps} hold. */
  public static Map<String, CaBundlePem> forConfig(
      ProxyConfig config, Collection<ConfigMap> configMaps) {
    Set<String> references = new TreeSet<>();
    for (Listener listener : config.listeners()) {
      if (listener.clientValidation() != null) {
        references.addAll(listener.clientValidation().caCertificates());
      }
    }
    for (BackendTls tls : BackendTls.allIn(config)) {
      references.addAll(tls.caCertificates());
    }
    Map<String, ConfigMap> byReference = TlsSecrets.byReference(configMaps);
    Map<String, CaBundlePem> bundles = new TreeMap<>();
    for (String reference : references) {
      ConfigMap configMap = byReference.get(reference);
      CaBundlePem pem = configMap == null ? null : pemOf(configMap);
      if (pem != null) {
        bundles.put(reference, pem);
      }
    }
    return bundles;
  }

  /** The PEM in a ConfigMap's {@code ca.crt}, or null when it has none. */
  static CaBundlePem pemOf(ConfigMap configMap) {
    String text = configMap.getData() == null ? null : configMap.getData().get(CA_KEY);
    return text == null || text.isBlank() ? null : new CaBundlePem(text);
  }
}
