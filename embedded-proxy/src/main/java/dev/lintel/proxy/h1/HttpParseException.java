package dev.lintel.proxy.h1;

/**
 * A message that cannot be parsed or framed. For a request it carries the status to answer with;
 * the connection is closed afterwards, as nothing after a broken message can be trusted.
 */
public final class HttpParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public HttpParseException(int status, String message) {
    super(message, null, false, false); // no stack trace: bad input is routine, not a bug
    this.status = status;
  }

  /** The status to answer a client with: 400, 414, 431, 501 or 505. */
  public int status() {
    return status;
  }
}
