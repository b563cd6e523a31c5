package dev.lintel.proxy.relay;

/** How the client's side of a relay is framed, which decides how its end of stream is passed on. */
public enum RelayedClient {
  /**
   * The client's TCP bytes go to the backend unchanged (TLS passthrough): a half-close is passed on
   * as a half-close, so a client may finish sending and still read the answer.
   */
  RAW,
  /**
   * The proxy terminated the client's TLS: the client's side ends with close_notify, so an end of
   * stream from the backend closes the client's connection as a whole.
   */
  TLS
}
