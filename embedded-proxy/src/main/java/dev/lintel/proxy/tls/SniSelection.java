package dev.lintel.proxy.tls;

import io.netty.handler.ssl.SslContext;

/**
 * What a connection's ClientHello chose on an HTTPS port.
 *
 * @param listener the port's TLS table at handshake time; later requests of the connection are
 *     checked against it, not against a table a reload put in place since
 * @param entryKey the Gateway listener the SNI selected ({@link
 *     dev.lintel.proxy.config.TlsEntry#key()})
 * @param context the server context that answers the handshake
 */
public record SniSelection(SniListener listener, String entryKey, SslContext context) {}
