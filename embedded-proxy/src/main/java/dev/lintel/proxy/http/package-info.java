/**
 * The HTTP/1.1 reverse proxy handlers: the client-side handler ({@link
 * dev.lintel.proxy.http.ProxyFrontendHandler}), the upstream-side handler ({@link
 * dev.lintel.proxy.http.ProxyBackendHandler}) and the state of one proxied request ({@link
 * dev.lintel.proxy.http.ProxyExchange}) between them. HTTP/2 reaches the same handlers: each stream
 * of a client's connection, and each stream to an h2c backend, is a channel whose first handler
 * converts between HTTP/2 frames and HTTP/1.1 bytes ({@link dev.lintel.proxy.h2}); the initializers
 * and {@link dev.lintel.proxy.http.CleartextHttp2Detector} / {@link
 * dev.lintel.proxy.http.AlpnHandler} decide per connection which protocol it speaks.
 *
 * <p>Both channels run with auto-read off. The client side reads one HTTP object at a time and asks
 * for the next only when the previous one has been written upstream; the upstream side reads the
 * next batch only when the previous batch has been written to the client. Bodies therefore stream
 * at the pace of the slower peer and are never buffered whole.
 */
package dev.lintel.proxy.http;
