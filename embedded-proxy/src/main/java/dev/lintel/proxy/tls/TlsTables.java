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
  private static final TlsTables EMPTY = new TlsTables(new IntObjectHashMap<>(1), Map.of());

  private final IntObjectMap<SniListener> byPort;
  private final Map<BackendTls, SslContext> upstream;

  TlsTables(IntObjectMap<SniListener> byPort, Map<BackendTls, SslContext> upstream) {
    this.byPort = byPort;
    this.upstream = Map.copyOf(upstream);
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
}
