/**
 * Upstream side of the proxy: endpoint addresses and the keep-alive connection pool. Pools are kept
 * per event loop so that a request never touches another thread's state and needs no lock.
 */
package dev.lintel.proxy.upstream;
