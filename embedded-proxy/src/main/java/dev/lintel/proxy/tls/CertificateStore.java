package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.TlsEntry;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the certificate references of the config in force into {@link TlsTables}, and rebuilds them
 * when the {@link CertificateSource} reports a change: the new contexts are built on the source's
 * thread (never an event loop), then the tables are swapped whole. Open connections keep the
 * context they shook hands with; the next handshake uses the new one.
 *
 * <p>Keep-last-good, per certificate: material that does not load never replaces a certificate that
 * did, and a reference whose material disappears keeps serving what it had. Failures are logged
 * with the reference and the reason, never with the material.
 */
public final class CertificateStore {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);

  private final CertificateSource source;
  private final Consumer<TlsTables> publish;

  /** Reference -> the last material that loaded; only references of the current config. */
  private final Map<String, ServerCertificate> loaded = new HashMap<>();

  /** Reference -> material that failed to load, so that one bad Secret is logged once. */
  private final Map<String, CertificatePem> failed = new HashMap<>();

  private ProxyConfig current;

  /**
   * @param source where the material comes from
   * @param publish receives every new set of tables (called with the store's lock held, so calls
   *     never overtake each other)
   */
  public CertificateStore(CertificateSource source, Consumer<TlsTables> publish) {
    this.source = source;
    this.publish = publish;
    source.onChange(this::reload);
  }

  /** Loads what {@code config} references and is not loaded yet; publishes nothing. */
  public synchronized void prepare(ProxyConfig config) {
    for (String reference : references(config)) {
      if (!loaded.containsKey(reference)) {
        load(reference);
      }
    }
  }

  /** Makes {@code config} the one in force and publishes its tables. */
  public synchronized void publish(ProxyConfig config) {
    prepare(config);
    current = config;
    Set<String> used = references(config);
    loaded.keySet().retainAll(used);
    failed.keySet().retainAll(used);
    publish.accept(tables(config));
  }

  private synchronized void reload(Set<String> changed) {
    if (current == null) {
      return;
    }
    Set<String> used = references(current);
    boolean any = false;
    for (String reference : changed) {
      if (used.contains(reference)) {
        any |= load(reference);
      }
    }
    if (any) {
      publish.accept(tables(current));
    }
  }

  /** (Re)loads one reference; true when what it serves changed. */
  private boolean load(String reference) {
    CertificatePem pem = source.find(reference);
    ServerCertificate before = loaded.get(reference);
    if (pem == null) {
      if (before == null && !failed.containsKey(reference)) {
        LOG.warn("Certificate {} is not available yet; its listeners cannot answer TLS", reference);
      }
      return false;
    }
    if (before != null && before.pem().equals(pem) || pem.equals(failed.get(reference))) {
      return false;
    }
    try {
      loaded.put(reference, ServerCertificate.load(reference, pem));
      failed.remove(reference);
      if (before != null) {
        LOG.info("Certificate {} changed; new handshakes use the new one", reference);
      }
      return true;
    } catch (InvalidCertificateException e) {
      failed.put(reference, pem);
      LOG.warn(
          "Certificate {} cannot be used ({}); {}",
          reference,
          e.getMessage(),
          before == null ? "its listeners cannot answer TLS" : "keeping the previous one");
      return false;
    }
  }

  private TlsTables tables(ProxyConfig config) {
    IntObjectHashMap<SniListener> byPort = new IntObjectHashMap<>();
    for (Listener listener : config.listeners()) {
      if (listener.protocol() != Protocol.HTTPS) {
        continue;
      }
      List<SniListener.Entry> entries = new ArrayList<>();
      for (TlsEntry entry : listener.tls()) {
        List<ServerCertificate> certificates = new ArrayList<>();
        for (String reference : entry.certificates()) {
          ServerCertificate certificate = loaded.get(reference);
          if (certificate != null) {
            certificates.add(certificate);
          }
        }
        entries.add(new SniListener.Entry(entry.key(), List.copyOf(certificates)));
      }
      byPort.put(listener.port(), new SniListener(entries));
    }
    return new TlsTables(byPort);
  }

  private static Set<String> references(ProxyConfig config) {
    Set<String> references = new TreeSet<>();
    for (Listener listener : config.listeners()) {
      for (TlsEntry entry : listener.tls()) {
        references.addAll(entry.certificates());
      }
    }
    return references;
  }
}
