/**
 * The HTTP/1.1 reverse proxy handlers: the client-side handler ({@link
 * dev.lintel.proxy.http.ProxyFrontendHandler}), the upstream-side handler ({@link
 * dev.lintel.proxy.http.ProxyBackendHandler}) and the state of one proxied request ({@link
 * dev.lintel.proxy.http.ProxyExchange}) between them.
 *
 * <p>Both channels run with auto-read off. The client side reads one HTTP object at a time and asks
 * for the next only when the previous one has been written upstream; the upstream side reads the
 * next batch only when the previous batch has been written to the client. Bodies therefore stream
 * at the pace of the slower peer and are never buffered whole.
 */
package dev.lintel.proxy.http;
