package dev.lintel.proxy.tls;

import io.netty.handler.ssl.SslContext;

/**
 * What a connection's ClientHello chose on an HTTPS or TLS port.
 *
 * @param listener the port's TLS table at handshake time; later requests of the connection are
 *     checked against it, not against a table a reload put in place since
 * @param entryKey the Gateway listener the SNI selected ({@link
 *     dev.lintel.proxy.config.TlsEntry#key()}, {@link dev.lintel.proxy.config.TlsListener#key()})
 * @param context the server context that answers the handshake; null when the proxy passes the TLS
 *     through
 * @param route on a Gateway listener of protocol TLS, the route whose backend gets the connection's
 *     bytes; null on an HTTPS listener, whose requests are routed as HTTP
 */
public record SniSelection(
    SniListener listener, String entryKey, SslContext context, TlsRouteTarget route) {
  /** An HTTPS listener's selection: the connection serves HTTP. */
  public SniSelection(SniListener listener, String entryKey, SslContext context) {
    this(listener, entryKey, context, null);
  }
}
