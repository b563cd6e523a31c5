package dev.lintel.proxy.upstream;

import dev.lintel.proxy.config.BackendTls;
import io.netty.handler.ssl.SslContext;

/** The current client contexts of backends spoken to over TLS, looked up at connect time. */
@FunctionalInterface
public interface BackendTlsContexts {
  /** Contexts for no backend: connections to TLS backends fail. */
  BackendTlsContexts NONE = (tls, h2) -> null;

  /**
   * The client context of a TLS setting, or null while its material is not loaded (then connections
   * to such backends fail).
   *
   * @param h2 the context offers {@code h2} by ALPN (HTTP/2 backends); else it offers nothing and
   *     the connection speaks HTTP/1.1 or the relayed bytes
   */
  SslContext context(BackendTls tls, boolean h2);
}
