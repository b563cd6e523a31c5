package dev.lintel.proxy.tls;

import java.util.HashMap;
import java.util.Map;

/**
 * Certificates and CA bundles handed over in-process: standalone mode puts the contents of the
 * Secrets and ConfigMaps it loaded here. Listeners are told about a change on the thread that made
 * it.
 */
public final class InMemoryCertificateSource extends ReplacingCertificateSource {
  /** Serializes writers, so that two puts cannot lose one another. */
  private final Object writes = new Object();

  /** Replaces the whole content; listeners hear of the references that differ. */
  public void replaceAll(Map<String, CertificatePem> next) {
    synchronized (writes) {
      replace(next);
    }
  }

  /** Replaces the whole content, CA bundles included; listeners hear of what differs. */
  public void replaceAll(Map<String, CertificatePem> next, Map<String, CaBundlePem> caBundles) {
    synchronized (writes) {
      replace(next, caBundles);
    }
  }

  /** Adds or replaces one CA bundle. */
  public void putCaBundle(String reference, CaBundlePem pem) {
    synchronized (writes) {
      Map<String, CaBundlePem> next = new HashMap<>(caBundles());
      next.put(reference, pem);
      replace(material(), next);
    }
  }

  /** Adds or replaces one reference. */
  public void put(String reference, CertificatePem pem) {
    synchronized (writes) {
      Map<String, CertificatePem> next = new HashMap<>(material());
      next.put(reference, pem);
      replace(next);
    }
  }
}
