package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.BackendTls;
import io.netty.handler.ssl.SslContext;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.Map;

/**
 * The TLS tables of every HTTPS and TLS port of one config, immutable; a port without an entry
 * speaks clear text. Also the client contexts of the backends spoken to over TLS. Swapped whole,
 * like the routing tables, when the config or a certificate changes.
 */
public final class TlsTables {
  private static final TlsTables EMPTY =
      new TlsTables(new IntObjectHashMap<>(1), Map.of(), Map.of());

  private final IntObjectMap<SniListener> byPort;
  private final Map<BackendTls, SslContext> upstream;

  /** The same for HTTP/2 backends: they offer {@code h2} by ALPN. */
  private final Map<BackendTls, SslContext> upstreamH2;

  TlsTables(
      IntObjectMap<SniListener> byPort,
      Map<BackendTls, SslContext> upstream,
      Map<BackendTls, SslContext> upstreamH2) {
    this.byPort = byPort;
    this.upstream = Map.copyOf(upstream);
    this.upstreamH2 = Map.copyOf(upstreamH2);
  }

  public static TlsTables empty() {
    return EMPTY;
  }

  /** The table of an HTTPS or TLS listener port, or null for a clear-text one. */
  public SniListener listener(int configPort) {
    return byPort.get(configPort);
  }

  /**
   * The client context for backends with these TLS settings, or null while their material (CA
   * bundles, client certificate) is not loaded: then no connection to them can be trusted.
   */
  public SslContext upstream(BackendTls tls) {
    return upstream.get(tls);
  }

  /** As {@link #upstream}, for HTTP/2 backends: the context offers {@code h2} by ALPN. */
  public SslContext upstreamH2(BackendTls tls) {
    return upstreamH2.get(tls);
  }
}
