/**
 * Byte relays between a client connection and one backend connection, for TLSRoutes: the encrypted
 * bytes of a passed-through connection, or the plain bytes of a terminated one. Both directions
 * read only after the other side took the last write (backpressure), half-closes are passed on
 * where the client's TCP connection is relayed as such, and an idle relay is closed.
 */
package dev.lintel.proxy.relay;
