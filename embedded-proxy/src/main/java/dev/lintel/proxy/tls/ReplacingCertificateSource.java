package dev.lintel.proxy.tls;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CertificateSource} whose whole material is read at once (a directory, a Secret, what
 * standalone mode loaded) and replaced whole: listeners hear of the references that differ.
 * Listeners are called outside any lock, since they build TLS contexts and call {@link #find}.
 */
public abstract class ReplacingCertificateSource implements CertificateSource {
  private static final Logger LOG = LoggerFactory.getLogger(ReplacingCertificateSource.class);

  private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
  private Map<String, CertificatePem> material = Map.of();
  private Map<String, CaBundlePem> caBundles = Map.of();

  @Override
  public final synchronized CertificatePem find(String reference) {
    return material.get(reference);
  }

  @Override
  public final synchronized CaBundlePem findCaBundle(String reference) {
    return caBundles.get(reference);
  }

  @Override
  public final void onChange(Consumer<Set<String>> listener) {
    listeners.add(listener);
  }

  /** The material now, by reference. */
  protected final synchronized Map<String, CertificatePem> material() {
    return material;
  }

  /** The CA bundles now, by reference. */
  protected final synchronized Map<String, CaBundlePem> caBundles() {
    return caBundles;
  }

  /** Puts {@code next} in place of every certificate, keeping the CA bundles. */
  protected final void replace(Map<String, CertificatePem> next) {
    replace(next, caBundles());
  }

  /**
   * Puts {@code next} and {@code nextCaBundles} in place of everything and tells the listeners what
   * changed.
   */
  protected final void replace(
      Map<String, CertificatePem> next, Map<String, CaBundlePem> nextCaBundles) {
    Set<String> changed = new TreeSet<>();
    synchronized (this) {
      addChanges(material, next, changed);
      addChanges(caBundles, nextCaBundles, changed);
      material = Map.copyOf(next);
      caBundles = Map.copyOf(nextCaBundles);
    }
    if (changed.isEmpty()) {
      return;
    }
    Set<String> references = Set.copyOf(changed);
    for (Consumer<Set<String>> listener : listeners) {
      try {
        listener.accept(references);
      } catch (RuntimeException e) {
        // One listener's failure must not keep the others from hearing of the change.
        LOG.error("Handling a change of certificates {} failed: {}", references, e.toString());
      }
    }
  }

  private static <T> void addChanges(
      Map<String, T> before, Map<String, T> after, Set<String> into) {
    for (Map.Entry<String, T> entry : after.entrySet()) {
      if (!Objects.equals(before.get(entry.getKey()), entry.getValue())) {
        into.add(entry.getKey());
      }
    }
    for (String reference : before.keySet()) {
      if (!after.containsKey(reference)) {
        into.add(reference);
      }
    }
  }
}
