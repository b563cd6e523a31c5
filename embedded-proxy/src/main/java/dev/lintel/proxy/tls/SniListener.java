package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.routing.HostMatcher;
import dev.lintel.proxy.routing.HostNormalizer;
import io.netty.handler.ssl.SslContext;
import java.util.List;

/**
 * The TLS table of one HTTPS port, immutable: which certificate answers a ClientHello, and which
 * Gateway listener a request's Host belongs to.
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
    this.entries = List.copyOf(entries);
    Entry any = null;
    for (Entry entry : this.entries) {
      byHostname.put(entry.key(), entry);
      if (entry.key().equals(TlsEntry.ANY)) {
        any = entry;
      }
    }
    this.fallback = any != null ? any : this.entries.isEmpty() ? null : this.entries.get(0);
  }

  /** The selection for a ClientHello's SNI (null: none sent), or null when nothing can answer. */
  public SniSelection select(String sni) {
    String host = sni == null ? "" : HostNormalizer.normalize(sni);
    Entry entry = host.isEmpty() ? null : byHostname.find(host);
    if (entry == null) {
      entry = fallback;
    }
    if (entry == null || entry.certificates().isEmpty()) {
      return null;
    }
    Served chosen = entry.certificates().get(0);
    ServerCertificate.Match best = ServerCertificate.Match.NONE;
    for (Served certificate : entry.certificates()) {
      ServerCertificate.Match match = certificate.certificate().match(host);
      if (match.compareTo(best) > 0) {
        chosen = certificate;
        best = match;
      }
    }
    return new SniSelection(this, entry.key(), chosen.context());
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
