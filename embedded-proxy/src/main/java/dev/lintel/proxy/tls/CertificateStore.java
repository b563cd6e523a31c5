package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.ClientValidation;
import dev.lintel.proxy.config.ClientValidationMode;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.config.TlsListener;
import io.netty.handler.ssl.SslContext;
import io.netty.util.collection.IntObjectHashMap;
import java.security.cert.X509Certificate;
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
 * <p>A port that validates client certificates gets, per certificate, a context that also trusts
 * the port's CA bundles; a changed bundle rebuilds those contexts as a changed certificate does.
 *
 * <p>Backends spoken to over TLS get client contexts the same way: their CA bundles and the
 * Gateway's client certificate are loaded like the listeners' material, and a change rebuilds the
 * contexts that use it; connections already open keep theirs, new ones use the new context.
 *
 * <p>Keep-last-good, per certificate and per CA bundle: material that does not load never replaces
 * a certificate that did, and a reference whose material disappears keeps serving what it had.
 * Failures are logged with the reference and the reason, never with the material.
 */
public final class CertificateStore {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);

  private final Consumer<TlsTables> publish;

  /** Certificates by reference; only references of the current config. */
  private final LastGoodMaterial<CertificatePem, ServerCertificate> certificates;

  /** CA bundles by reference, as their authorities; only references of the current config. */
  private final LastGoodMaterial<CaBundlePem, List<X509Certificate>> bundles;

  /**
   * Contexts that validate clients, by certificate and trust: built once, reused by every table
   * while both stay the same (a handshake context costs a key parse).
   */
  private Map<ContextKey, SslContext> validatingContexts = new HashMap<>();

  private record ContextKey(ServerCertificate certificate, ClientTrust trust) {}

  /** Client contexts of backends, by settings and the material they were built from. */
  private Map<UpstreamKey, SslContext> upstreamContexts = new HashMap<>();

  /**
   * @param authorities null for the JVM's trust store
   * @param client null when none is presented
   * @param h2 the context offers {@code h2} by ALPN
   */
  private record UpstreamKey(
      BackendTls tls, List<X509Certificate> authorities, ServerCertificate client, boolean h2) {}

  private ProxyConfig current;

  /**
   * @param source where the material comes from
   * @param publish receives every new set of tables (called with the store's lock held, so calls
   *     never overtake each other)
   */
  public CertificateStore(CertificateSource source, Consumer<TlsTables> publish) {
    this.publish = publish;
    this.certificates =
        new LastGoodMaterial<>(
            "Certificate",
            "its listeners cannot answer TLS",
            source::find,
            ServerCertificate::load);
    this.bundles =
        new LastGoodMaterial<>(
            "CA bundle",
            "clients it would validate are refused",
            source::findCaBundle,
            (reference, pem) -> ClientTrust.load(pem));
    source.onChange(this::reload);
  }

  /** Loads what {@code config} references and is not loaded yet; publishes nothing. */
  public synchronized void prepare(ProxyConfig config) {
    for (String reference : references(config)) {
      if (!certificates.has(reference)) {
        certificates.load(reference);
      }
    }
    for (String reference : caReferences(config)) {
      if (!bundles.has(reference)) {
        bundles.load(reference);
      }
    }
  }

  /** Makes {@code config} the one in force and publishes its tables. */
  public synchronized void publish(ProxyConfig config) {
    prepare(config);
    current = config;
    certificates.retainAll(references(config));
    bundles.retainAll(caReferences(config));
    publish.accept(tables(config));
  }

  private synchronized void reload(Set<String> changed) {
    if (current == null) {
      return;
    }
    Set<String> used = references(current);
    Set<String> usedBundles = caReferences(current);
    boolean any = false;
    for (String reference : changed) {
      if (used.contains(reference)) {
        any |= certificates.load(reference);
      }
      if (usedBundles.contains(reference)) {
        any |= bundles.load(reference);
      }
    }
    if (any) {
      publish.accept(tables(current));
    }
  }

  private TlsTables tables(ProxyConfig config) {
    IntObjectHashMap<SniListener> byPort = new IntObjectHashMap<>();
    Map<ContextKey, SslContext> contexts = new HashMap<>();
    Map<UpstreamKey, SslContext> clientContexts = new HashMap<>();
    Map<BackendTls, SslContext> upstream = upstreamTables(config, false, clientContexts);
    Map<BackendTls, SslContext> upstreamH2 = upstreamTables(config, true, clientContexts);
    upstreamContexts = clientContexts;
    for (Listener listener : config.listeners()) {
      if (listener.protocol() == Protocol.HTTP) {
        continue;
      }
      ClientTrust trust = trust(listener.clientValidation());
      List<SniListener.Entry> entries = new ArrayList<>();
      for (TlsEntry entry : listener.tls()) {
        List<SniListener.Served> served = new ArrayList<>();
        for (String reference : entry.certificates()) {
          ServerCertificate certificate = certificates.get(reference);
          SslContext context =
              certificate == null ? null : contextFor(certificate, listener, trust, contexts);
          if (context != null) {
            served.add(new SniListener.Served(certificate, context));
          }
        }
        entries.add(new SniListener.Entry(entry.key(), List.copyOf(served)));
      }
      byPort.put(listener.port(), new SniListener(entries, tlsRouteTables(listener, upstream)));
    }
    validatingContexts = contexts;
    return new TlsTables(byPort, upstream, upstreamH2);
  }

  /**
   * A client context per backend TLS setting whose material is loaded.
   *
   * @param h2 contexts that offer {@code h2} by ALPN, for HTTP/2 backends
   * @param contexts receives the contexts in use, by key (the cache of the next tables)
   */
  private Map<BackendTls, SslContext> upstreamTables(
      ProxyConfig config, boolean h2, Map<UpstreamKey, SslContext> contexts) {
    Map<BackendTls, SslContext> byTls = new HashMap<>();
    for (BackendTls tls : BackendTls.allIn(config)) {
      List<X509Certificate> authorities = null;
      if (tls.wellKnownCaCertificates() == null) {
        authorities = new ArrayList<>();
        for (String reference : tls.caCertificates()) {
          List<X509Certificate> bundle = bundles.get(reference);
          if (bundle != null) {
            authorities.addAll(bundle);
          }
        }
        if (authorities.isEmpty()) {
          continue; // nothing to trust: connections to these backends fail (502)
        }
      }
      ServerCertificate client = null;
      if (tls.clientCertificate() != null) {
        client = certificates.get(tls.clientCertificate());
        if (client == null) {
          continue; // a backend that asks for it would refuse us; one that does not never knew
        }
      }
      UpstreamKey key = new UpstreamKey(tls, authorities, client, h2);
      SslContext context = upstreamContexts.get(key);
      if (context == null) {
        try {
          context =
              UpstreamTlsContext.build(tls, authorities, client == null ? null : client.pem(), h2);
        } catch (InvalidCertificateException e) {
          LOG.warn(
              "Backends with TLS to {} cannot be reached ({})", tls.serverName(), e.getMessage());
          continue;
        }
      }
      contexts.put(key, context);
      byTls.put(tls, context);
    }
    return byTls;
  }

  /**
   * The port's Gateway listeners of protocol TLS. Client certificates are validated on HTTPS
   * listeners only ({@code spec.tls.frontend}), so a terminating TLS listener uses the plain
   * context. Their routes get the backends' client contexts of the same tables.
   */
  private List<TlsRouteTable> tlsRouteTables(
      Listener listener, Map<BackendTls, SslContext> upstream) {
    List<TlsRouteTable> tables = new ArrayList<>();
    for (TlsListener tlsListener : listener.tlsListeners()) {
      List<SniListener.Served> served = new ArrayList<>();
      for (String reference : tlsListener.certificates()) {
        ServerCertificate certificate = certificates.get(reference);
        if (certificate != null) {
          served.add(new SniListener.Served(certificate, certificate.context()));
        }
      }
      tables.add(new TlsRouteTable(tlsListener, served, upstream));
    }
    return tables;
  }

  /**
   * The trust of a port from the bundles that loaded; null when it asks for no client certificate.
   * A port that must refuse clients without a valid certificate, and has no authority loaded, gets
   * no trust at all and then no context: its handshakes fail rather than admit anyone.
   */
  private ClientTrust trust(ClientValidation validation) {
    if (validation == null) {
      return null;
    }
    List<X509Certificate> authorities = new ArrayList<>();
    for (String reference : validation.caCertificates()) {
      List<X509Certificate> bundle = bundles.get(reference);
      if (bundle != null) {
        authorities.addAll(bundle);
      }
    }
    return new ClientTrust(authorities, validation.mode());
  }

  /** The context presenting {@code certificate} on {@code listener}'s port, or null if none can. */
  private SslContext contextFor(
      ServerCertificate certificate,
      Listener listener,
      ClientTrust trust,
      Map<ContextKey, SslContext> contexts) {
    if (trust == null) {
      return certificate.context();
    }
    if (trust.authorities().isEmpty() && trust.mode() == ClientValidationMode.AllowValidOnly) {
      return null;
    }
    ContextKey key = new ContextKey(certificate, trust);
    SslContext context = contexts.get(key);
    if (context == null) {
      context = validatingContexts.get(key);
    }
    if (context == null) {
      try {
        context = certificate.contextFor(trust);
      } catch (InvalidCertificateException e) {
        LOG.warn(
            "Certificate {} cannot validate clients on port {} ({})",
            certificate.reference(),
            listener.port(),
            e.getMessage());
        return null;
      }
    }
    contexts.put(key, context);
    return context;
  }

  private static Set<String> caReferences(ProxyConfig config) {
    Set<String> references = new TreeSet<>();
    for (BackendTls tls : BackendTls.allIn(config)) {
      references.addAll(tls.caCertificates());
    }
    for (Listener listener : config.listeners()) {
      if (listener.clientValidation() != null) {
        references.addAll(listener.clientValidation().caCertificates());
      }
    }
    return references;
  }

  private static Set<String> references(ProxyConfig config) {
    Set<String> references = new TreeSet<>();
    for (BackendTls tls : BackendTls.allIn(config)) {
      if (tls.clientCertificate() != null) {
        references.add(tls.clientCertificate());
      }
    }
    for (Listener listener : config.listeners()) {
      for (TlsEntry entry : listener.tls()) {
        references.addAll(entry.certificates());
      }
      for (TlsListener tlsListener : listener.tlsListeners()) {
        references.addAll(tlsListener.certificates());
      }
    }
    return references;
  }
}
