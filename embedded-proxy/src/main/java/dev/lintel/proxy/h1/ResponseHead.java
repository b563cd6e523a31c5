package dev.lintel.proxy.h1;

/**
 * A parsed response head. Built by {@link HeadParser#parseResponse}; a connection's {@link
 * HeadBuffer} refills one instance for each of its responses.
 */
public final class ResponseHead {
  private byte[] bytes;
  private int length;
  private int status;
  private int statusStart;
  private int reasonEnd;
  private HeaderFields headers;
  private long contentLength;
  private boolean chunked;
  private boolean keepAlive;

  ResponseHead set(
      byte[] bytes,
      int length,
      int status,
      int statusStart,
      int reasonEnd,
      HeaderFields headers,
      long contentLength,
      boolean chunked,
      boolean keepAlive) {
    this.bytes = bytes;
    this.length = length;
    this.status = status;
    this.statusStart = statusStart;
    this.reasonEnd = reasonEnd;
    this.headers = headers;
    this.contentLength = contentLength;
    this.chunked = chunked;
    this.keepAlive = keepAlive;
    return this;
  }

  public byte[] bytes() {
    return bytes;
  }

  /** The head's length: {@link #bytes} may be a longer buffer reused by the connection. */
  public int length() {
    return length;
  }

  public int status() {
    return status;
  }

  /** Start of the status code in {@link #bytes}: the code and reason are copied as received. */
  public int statusStart() {
    return statusStart;
  }

  /** End of the reason phrase (before CRLF). */
  public int reasonEnd() {
    return reasonEnd;
  }

  public HeaderFields headers() {
    return headers;
  }

  /** Declared body length, or -1. */
  public long contentLength() {
    return contentLength;
  }

  public boolean isChunked() {
    return chunked;
  }

  /** Whether the upstream keeps the connection open after this response. */
  public boolean isKeepAlive() {
    return keepAlive;
  }
}
