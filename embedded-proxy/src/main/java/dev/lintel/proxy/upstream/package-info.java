/**
 * Upstream side of the proxy: endpoint addresses and the keep-alive connection pool. Pools are kept
 * per event loop so that a request never touches another thread's state and needs no lock; a
 * connection to a TLS backend joins its pool once its handshake has succeeded.
 */
package dev.lintel.proxy.upstream;
