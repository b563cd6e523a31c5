package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * One proxy's whole configuration: the listeners of one Gateway.
 *
 * @param version schema version; only {@link #CURRENT_VERSION} is accepted
 * @param gateway {@code namespace/name} of the Gateway this config serves (informational)
 * @param listeners one entry per port the proxy binds
 */
public record ProxyConfig(int version, String gateway, List<Listener> listeners) {
  public static final int CURRENT_VERSION = 1;

  public ProxyConfig {
    Objects.requireNonNull(gateway, "gateway");
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }
}
