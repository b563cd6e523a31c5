/**
 * HTTP/2 for the proxy, as a bridge to its HTTP/1.1 machinery: each HTTP/2 stream is turned into
 * the HTTP/1.1 bytes of one request (client side) or one response (upstream side), and the HTTP/1.1
 * bytes the proxy writes back are turned into HEADERS, DATA and trailing HEADERS frames. Routing,
 * filters, retries, mirrors and timeouts therefore apply to HTTP/2 unchanged, and HTTP/1 clients
 * pay nothing for it.
 *
 * <p>{@link dev.lintel.proxy.h2.Http2Limits} holds every limit in one place; {@link
 * dev.lintel.proxy.h2.Http2Codecs} builds the connection codecs with them.
 */
package dev.lintel.proxy.h2;
