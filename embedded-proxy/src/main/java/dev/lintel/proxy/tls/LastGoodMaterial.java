package dev.lintel.proxy.tls;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep-last-good loading of one kind of TLS material by reference (certificates, CA bundles):
 * material that does not load never replaces material that did, a reference whose material
 * disappears keeps what it had, and one bad version is logged once, by reference and reason, never
 * with its content. Not thread-safe: the store calls it under its own lock.
 *
 * @param <P> the material as the source hands it over (compared to tell a change from none)
 * @param <L> the material loaded
 */
final class LastGoodMaterial<P, L> {
  private static final Logger LOG = LoggerFactory.getLogger(LastGoodMaterial.class);

  /** Loads material; the exception says what is wrong with it. */
  interface Loader<P, L> {
    L load(String reference, P pem) throws InvalidCertificateException;
  }

  private record Loaded<P, L>(P pem, L value) {}

  private final String kind;
  private final String withoutIt;
  private final Function<String, P> find;
  private final Loader<P, L> loader;

  /** Reference -> the last material that loaded; only references still in use. */
  private final Map<String, Loaded<P, L>> loaded = new HashMap<>();

  /** Reference -> material that failed to load, so that one bad version is logged once. */
  private final Map<String, P> failed = new HashMap<>();

  /**
   * @param kind what the material is, for logs ("Certificate")
   * @param withoutIt what happens while a reference has nothing loaded, for logs
   * @param find the source's lookup
   */
  LastGoodMaterial(String kind, String withoutIt, Function<String, P> find, Loader<P, L> loader) {
    this.kind = kind;
    this.withoutIt = withoutIt;
    this.find = find;
    this.loader = loader;
  }

  /** What a reference serves now, or null when nothing ever loaded. */
  L get(String reference) {
    Loaded<P, L> current = loaded.get(reference);
    return current == null ? null : current.value();
  }

  boolean has(String reference) {
    return loaded.containsKey(reference);
  }

  /** Forgets every reference not in {@code used}. */
  void retainAll(Set<String> used) {
    loaded.keySet().retainAll(used);
    failed.keySet().retainAll(used);
  }

  /** (Re)loads one reference from the source; true when what it serves changed. */
  boolean load(String reference) {
    P pem = find.apply(reference);
    Loaded<P, L> before = loaded.get(reference);
    if (pem == null) {
      if (before == null && !failed.containsKey(reference)) {
        LOG.warn("{} {} is not available yet; {}", kind, reference, withoutIt);
      }
      return false;
    }
    if (before != null && before.pem().equals(pem) || pem.equals(failed.get(reference))) {
      return false;
    }
    try {
      loaded.put(reference, new Loaded<>(pem, loader.load(reference, pem)));
      failed.remove(reference);
      if (before != null) {
        LOG.info("{} {} changed; new handshakes use the new one", kind, reference);
      }
      return true;
    } catch (InvalidCertificateException e) {
      failed.put(reference, pem);
      LOG.warn(
          "{} {} cannot be used ({}); {}",
          kind,
          reference,
          e.getMessage(),
          before == null ? withoutIt : "keeping the previous one");
      return false;
    }
  }
}
