package dev.lintel.proxy.tls;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * The TLS tables of every HTTPS and TLS port of one config, immutable; a port without an entry
 * speaks clear text. Swapped whole, like the routing tables, when the config or a certificate
 * changes.
 */
public final class TlsTables {
  private static final TlsTables EMPTY = new TlsTables(new IntObjectHashMap<>(1));

  private final IntObjectMap<SniListener> byPort;

  TlsTables(IntObjectMap<SniListener> byPort) {
    this.byPort = byPort;
  }

  public static TlsTables empty() {
    return EMPTY;
  }

  /** The table of an HTTPS or TLS listener port, or null for a clear-text one. */
  public SniListener listener(int configPort) {
    return byPort.get(configPort);
  }
}
