package dev.lintel.proxy.tls;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a proxy gets the certificates its config names ({@code namespace/name} references): the
 * operator process itself in standalone mode, a mounted directory in a cluster. Implementations are
 * thread-safe.
 */
public interface CertificateSource {
  /** The material of a reference, or null when the source has none (yet). */
  CertificatePem find(String reference);

  /**
   * The CA bundle of a reference (client certificate validation), or null when the source has none
   * (yet). CA bundles and certificates are named apart: the same reference may name both.
   */
  default CaBundlePem findCaBundle(String reference) {
    return null;
  }

  /**
   * Registers a listener called, on a thread of the source and never on an event loop, with the
   * references whose material (certificate or CA bundle) appeared, changed or went away.
   */
  void onChange(Consumer<Set<String>> listener);
}
