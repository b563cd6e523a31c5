package dev.lintel.proxy.tls;

import dev.lintel.proxy.config.TlsEntry;

/**
 * What the request handler of a TLS connection needs from its handshake. Written once by the SNI
 * handler and read by the request handler, both on the connection's event loop.
 */
public final class TlsConnection {
  private SniSelection selection;

  void selected(SniSelection selection) {
    this.selection = selection;
  }

  /** The handshake's choice; null only before the ClientHello was read. */
  public SniSelection selection() {
    return selection;
  }

  /**
   * The HTTP status a request must get instead of being routed, or 0, where several Gateway
   * listeners share the port: a connection serves the listener its SNI chose, and no other (RFC
   * 9110 section 15.5.20). A Host of another listener gets 421 when the SNI named a listener by its
   * hostname (the client coalesced connections and must open one for that host); when the SNI fell
   * to the listener without hostname, the request is that listener's, which has no route for a host
   * that another listener serves: 404, as for a Host that no listener covers.
   */
  public int misdirectedStatus(String hostHeader) {
    if (selection == null || !selection.listener().checksMisdirection()) {
      return 0;
    }
    String hostEntry = selection.listener().entryKeyFor(hostHeader);
    if (hostEntry == null) {
      return 404;
    }
    if (hostEntry.equals(selection.entryKey())) {
      return 0;
    }
    return selection.entryKey().equals(TlsEntry.ANY) ? 404 : 421;
  }
}
