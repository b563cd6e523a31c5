/**
 * Upstream side of the proxy: endpoint addresses, the keep-alive connection pool and the shared
 * HTTP/2 connections to h2c endpoints ({@link dev.lintel.proxy.upstream.H2cConnections}). Pools are
 * kept per event loop so that a request never touches another thread's state and needs no lock; a
 * connection to a TLS backend joins its pool once its handshake has succeeded.
 */
package dev.lintel.proxy.upstream;
