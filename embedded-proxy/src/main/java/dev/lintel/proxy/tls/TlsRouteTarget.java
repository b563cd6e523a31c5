package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.routing.BackendPicker;
import io.netty.handler.ssl.SslContext;
import java.util.Map;

/**
 * The TLSRoute a connection's SNI chose.
 *
 * @param name the route's {@code namespace/name}, for logs
 * @param backends picks the backend that gets the whole connection
 * @param backendContexts the client contexts of backends spoken to over TLS (BackendTLSPolicy), by
 *     their settings, from the same tables as the route; a setting without a context has no trusted
 *     material loaded
 */
public record TlsRouteTarget(
    String name, BackendPicker backends, Map<BackendTls, SslContext> backendContexts) {
  /** The client context for a backend endpoint's TLS settings, or null when none is loaded. */
  public SslContext backendContext(BackendTls tls) {
    return backendContexts.get(tls);
  }
}
