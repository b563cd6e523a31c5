package dev.lintel.proxy.h1;

import java.nio.charset.StandardCharsets;

/**
 * A parsed request head: the received bytes plus offsets and what the proxy decides from them
 * (framing, persistence, expectation). Built by {@link HeadParser#parseRequest}.
 */
public final class RequestHead {
  private final byte[] bytes;
  private final int methodEnd;
  private final int targetStart;
  private final int targetEnd;
  private final boolean http10;
  private final HeaderFields headers;
  private final long contentLength;
  private final boolean chunked;
  private final boolean keepAlive;
  private final int expect;
  private String target;

  /** No Expect header. */
  public static final int EXPECT_NONE = 0;

  /** {@code Expect: 100-continue}. */
  public static final int EXPECT_CONTINUE = 1;

  /** An expectation the proxy cannot meet (417). */
  public static final int EXPECT_OTHER = 2;

  RequestHead(
      byte[] bytes,
      int methodEnd,
      int targetStart,
      int targetEnd,
      boolean http10,
      HeaderFields headers,
      long contentLength,
      boolean chunked,
      boolean keepAlive,
      int expect) {
    this.bytes = bytes;
    this.methodEnd = methodEnd;
    this.targetStart = targetStart;
    this.targetEnd = targetEnd;
    this.http10 = http10;
    this.headers = headers;
    this.contentLength = contentLength;
    this.chunked = chunked;
    this.keepAlive = keepAlive;
    this.expect = expect;
  }

  /** The head as received, from the request line through the blank line. */
  public byte[] bytes() {
    return bytes;
  }

  public int methodEnd() {
    return methodEnd;
  }

  public int targetStart() {
    return targetStart;
  }

  public int targetEnd() {
    return targetEnd;
  }

  /** Whether the method is {@code HEAD} (its response has no body whatever it says). */
  public boolean isHead() {
    return methodEnd == 4
        && bytes[0] == 'H'
        && bytes[1] == 'E'
        && bytes[2] == 'A'
        && bytes[3] == 'D';
  }

  public String method() {
    return new String(bytes, 0, methodEnd, StandardCharsets.ISO_8859_1);
  }

  /** The request-target as sent (path and query for origin-form). */
  public String target() {
    String t = target;
    if (t == null) {
      t = new String(bytes, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1);
      target = t;
    }
    return t;
  }

  /** The Host header's value, or null when there is none (HTTP/1.0 may omit it). */
  public String host() {
    int i = headers.indexOf(HeaderFields.HOST);
    return i < 0 ? null : headers.value(i);
  }

  public boolean isHttp10() {
    return http10;
  }

  public HeaderFields headers() {
    return headers;
  }

  /** Declared body length, or -1 when there is none or the body is chunked. */
  public long contentLength() {
    return contentLength;
  }

  public boolean isChunked() {
    return chunked;
  }

  /** Whether a body follows the head. */
  public boolean hasBody() {
    return chunked || contentLength > 0;
  }

  /** Whether the client wants the connection kept after this exchange. */
  public boolean isKeepAlive() {
    return keepAlive;
  }

  /** One of {@link #EXPECT_NONE}, {@link #EXPECT_CONTINUE}, {@link #EXPECT_OTHER}. */
  public int expect() {
    return expect;
  }
}
