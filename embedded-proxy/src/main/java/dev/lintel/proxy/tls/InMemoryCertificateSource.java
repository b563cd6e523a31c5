package dev.lintel.proxy.tls;

import java.util.HashMap;
import java.util.Map;

/**
 * Certificates handed over in-process: standalone mode puts the contents of the Secrets it loaded
 * here. Listeners are told about a change on the thread that made it.
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

  /** Adds or replaces one reference. */
  public void put(String reference, CertificatePem pem) {
    synchronized (writes) {
      Map<String, CertificatePem> next = new HashMap<>(material());
      next.put(reference, pem);
      replace(next);
    }
  }
}
