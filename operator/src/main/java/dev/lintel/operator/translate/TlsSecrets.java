package dev.lintel.operator.translate;

import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.tls.CertificatePem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The certificate material of {@code kubernetes.io/tls} Secrets, as the proxy takes it: the shells
 * hand the proxy exactly the Secrets its config names (by {@code namespace/name}), never more.
 */
public final class TlsSecrets {
  /** The Secret type that carries a certificate and its key. */
  public static final String TYPE = "kubernetes.io/tls";

  static final String CERTIFICATE_KEY = "tls.crt";
  static final String PRIVATE_KEY_KEY = "tls.key";

  private TlsSecrets() {}

  /** The reference a config uses for a Secret. */
  public static String reference(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Objects (Secrets, ConfigMaps) by the reference a config uses for them. */
  static <T extends HasMetadata> Map<String, T> byReference(Collection<T> objects) {
    Map<String, T> byReference = new HashMap<>();
    for (T object : objects) {
      byReference.put(
          reference(object.getMetadata().getNamespace(), object.getMetadata().getName()), object);
    }
    return byReference;
  }

  /**
   * The material of every certificate {@code config} names (listener certificates and the client
   * certificate presented to TLS backends) that {@code secrets} hold (the translator has checked
   * them; a reference it has not checked is not in the config).
   */
  public static Map<String, CertificatePem> forConfig(
      ProxyConfig config, Collection<Secret> secrets) {
    Set<String> references = new TreeSet<>();
    for (Listener listener : config.listeners()) {
      for (TlsEntry entry : listener.tls()) {
        references.addAll(entry.certificates());
      }
      listener.tlsListeners().forEach(tls -> references.addAll(tls.certificates()));
    }
    for (BackendTls tls : BackendTls.allIn(config)) {
      if (tls.clientCertificate() != null) {
        references.add(tls.clientCertificate());
      }
    }
    Map<String, Secret> byReference = byReference(secrets);
    Map<String, CertificatePem> material = new TreeMap<>();
    for (String reference : references) {
      Secret secret = byReference.get(reference);
      CertificatePem pem = secret == null ? null : pemOf(secret);
      if (pem != null) {
        material.put(reference, pem);
      }
    }
    return material;
  }

  /**
   * The PEM in a Secret's {@code tls.crt} and {@code tls.key} ({@code data}, base64, as the API
   * server stores it; {@code stringData} as a manifest may write it), or null when either is
   * missing or not base64.
   */
  static CertificatePem pemOf(Secret secret) {
    String certificate = value(secret, CERTIFICATE_KEY);
    String key = value(secret, PRIVATE_KEY_KEY);
    return certificate == null || key == null ? null : new CertificatePem(certificate, key);
  }

  private static String value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      try {
        return new String(
            Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return secret.getStringData() == null ? null : secret.getStringData().get(key);
  }
}
