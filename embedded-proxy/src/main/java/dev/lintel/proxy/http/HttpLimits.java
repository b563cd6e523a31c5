package dev.lintel.proxy.http;

/** Size limits of what the proxy parses, on both sides. */
final class HttpLimits {
  /** Longest request line, CRLF included; longer is 414. */
  static final int MAX_REQUEST_LINE = 8 * 1024;

  /** Longest header section of a request (after the request line); longer is 431. */
  static final int MAX_REQUEST_FIELDS = 16 * 1024;

  /** Longest status line. */
  static final int MAX_STATUS_LINE = 8 * 1024;

  /** Upstreams are trusted more than clients, but a response head still has a bound. */
  static final int MAX_RESPONSE_FIELDS = 64 * 1024;

  /** Longest trailer section of a chunked body. */
  static final int MAX_TRAILERS = 16 * 1024;

  private HttpLimits() {}
}
