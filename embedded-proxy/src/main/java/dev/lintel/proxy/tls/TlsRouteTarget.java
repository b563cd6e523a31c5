package dev.lintel.proxy.tls;

import dev.lintel.proxy.routing.BackendPicker;

/**
 * The TLSRoute a connection's SNI chose.
 *
 * @param name the route's {@code namespace/name}, for logs
 * @param backends picks the backend that gets the whole connection
 */
public record TlsRouteTarget(String name, BackendPicker backends) {}
