package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.routing.HostMatcher;
import dev.lintel.proxy.routing.HostNormalizer;
import io.netty.handler.ssl.SslContext;
import java.util.List;

/**
 * The TLS table of one HTTPS or TLS port, immutable: which certificate answers a ClientHello (or
 * which TLSRoute takes the connection), and which Gateway listener a request's Host belongs to.
 *
 * <p>Gateway listeners of protocol TLS take part in the choice by SNI like HTTPS ones; an SNI that
 * picks one of them selects one of its routes (see {@link TlsRouteTable}), and a client without SNI
 * never reaches them.
 *
 * <p>The SNI picks a Gateway listener as a Host does (exact name, then the most specific wildcard,
 * then the listener without hostname); a client without SNI, or with a name no listener covers,
 * gets the listener without hostname, else the first one. Within the listener, the first
 * certificate naming the SNI exactly answers, else the first one whose wildcard covers it, else the
 * first certificate.
 */
public final class SniListener {
  private final List<Entry> entries;
  private final HostMatcher<Entry> byHostname = new HostMatcher<>();
  private final Entry fallback;

  /** Every Gateway listener of the port, HTTPS ({@link Entry}) and TLS ({@link TlsRouteTable}). */
  private final HostMatcher<Object> bySni = new HostMatcher<>();

  private final boolean routesTls;

  /**
   * One Gateway listener's certificates, those that loaded; empty when none did (its handshakes
   * then fail rather than present another listener's certificate).
   */
  record Entry(String key, List<Served> certificates) {}

  /**
   * A certificate and the context that presents it on this port: its own, or one that also
   * validates client certificates.
   */
  record Served(ServerCertificate certificate, SslContext context) {}

  SniListener(List<Entry> entries) {
    this(entries, List.of());
  }

  SniListener(List<Entry> entries, List<TlsRouteTable> tlsListeners) {
    this.entries = List.copyOf(entries);
    this.routesTls = !tlsListeners.isEmpty();
    for (TlsRouteTable table : tlsListeners) {
      bySni.put(table.key(), table);
    }
    Entry any = null;
    for (Entry entry : this.entries) {
      byHostname.put(entry.key(), entry);
      bySni.put(entry.key(), entry);
      if (entry.key().equals(TlsEntry.ANY)) {
        any = entry;
      }
    }
    this.fallback = any != null ? any : this.entries.isEmpty() ? null : this.entries.get(0);
  }

  /** The selection for a ClientHello's SNI (null: none sent), or null when nothing can answer. */
  public SniSelection select(String sni) {
    String host = sni == null ? "" : HostNormalizer.normalize(sni);
    if (routesTls && !host.isEmpty() && bySni.find(host) instanceof TlsRouteTable table) {
      // The most specific Gateway listener is a TLS one: its routes decide, with no fallback
      // to an HTTPS listener, which would present a certificate the client did not ask for.
      return table.select(this, host);
    }
    Entry entry = host.isEmpty() ? null : byHostname.find(host);
    if (entry == null) {
      entry = fallback;
    }
    if (entry == null) {
      return null;
    }
    Served chosen = bestFor(entry.certificates(), host);
    return chosen == null ? null : new SniSelection(this, entry.key(), chosen.context());
  }

  /**
   * The first certificate naming the host exactly, else the first whose wildcard covers it, else
   * the first one; null when there is none.
   */
  static Served bestFor(List<Served> certificates, String host) {
    if (certificates.isEmpty()) {
      return null;
    }
    Served chosen = certificates.get(0);
    ServerCertificate.Match best = ServerCertificate.Match.NONE;
    for (Served certificate : certificates) {
      ServerCertificate.Match match = certificate.certificate().match(host);
      if (match.compareTo(best) > 0) {
        chosen = certificate;
        best = match;
      }
    }
    return chosen;
  }

  /**
   * Whether a request's Host must belong to the listener its connection's SNI chose (GEP-3567's
   * 421): only where several Gateway listeners share the port.
   */
  public boolean checksMisdirection() {
    return entries.size() > 1;
  }

  /** The key of the Gateway listener a Host header belongs to, or null when none covers it. */
  public String entryKeyFor(String hostHeader) {
    Entry entry = byHostname.find(HostNormalizer.normalize(hostHeader));
    return entry == null ? null : entry.key();
  }
}
