package dev.lintel.proxy.h2;

/**
 * An HTTP/2 message that cannot become HTTP/1.1 (a missing pseudo-header, a character that would
 * break the HTTP/1.1 framing): its stream is reset.
 */
final class Http2MessageException extends Exception {
  private static final long serialVersionUID = 1L;

  Http2MessageException(String message) {
    super(message, null, false, false); // bad input is routine: no stack trace
  }
}
