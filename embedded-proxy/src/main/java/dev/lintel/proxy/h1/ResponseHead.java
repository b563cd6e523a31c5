package dev.lintel.proxy.h1;

/** A parsed response head. Built by {@link HeadParser#parseResponse}. */
public final class ResponseHead {
  private final byte[] bytes;
  private final int status;
  private final int statusStart;
  private final int reasonEnd;
  private final HeaderFields headers;
  private final long contentLength;
  private final boolean chunked;
  private final boolean keepAlive;

  ResponseHead(
      byte[] bytes,
      int status,
      int statusStart,
      int reasonEnd,
      HeaderFields headers,
      long contentLength,
      boolean chunked,
      boolean keepAlive) {
    this.bytes = bytes;
    this.status = status;
    this.statusStart = statusStart;
    this.reasonEnd = reasonEnd;
    this.headers = headers;
    this.contentLength = contentLength;
    this.chunked = chunked;
    this.keepAlive = keepAlive;
  }

  public byte[] bytes() {
    return bytes;
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
