package dev.lintel.proxy.routing;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * Everything compiled from one config, immutable once built: swapping the reference to it is the
 * whole reload, and a request keeps the instance it started with.
 */
public final class RoutingTables {
  /** A primitive-keyed map: the per-request lookup by port must not box. */
  private final IntObjectMap<ListenerRoutes> byPort;

  RoutingTables(IntObjectMap<ListenerRoutes> byPort) {
    this.byPort = byPort;
  }

  /** An empty table: every request is answered 404. */
  public static RoutingTables empty() {
    return new RoutingTables(new IntObjectHashMap<>(1));
  }

  /** The table of the listener with this config port, or null if the config has no such port. */
  public ListenerRoutes listener(int configPort) {
    return byPort.get(configPort);
  }
}
