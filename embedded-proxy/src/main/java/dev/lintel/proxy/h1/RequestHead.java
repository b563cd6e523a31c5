package dev.lintel.proxy.h1;

import java.nio.charset.StandardCharsets;

/**
 * A parsed request head: the received bytes plus offsets and what the proxy decides from them
 * (framing, persistence, expectation). Built by {@link HeadParser#parseRequest}; a connection's
 * {@link HeadBuffer} refills one instance for each of its requests.
 */
public final class RequestHead {
  private byte[] bytes;
  private int length;
  private int methodEnd;
  private int targetStart;
  private int targetEnd;
  private boolean http10;
  private HeaderFields headers;
  private long contentLength;
  private boolean chunked;
  private boolean keepAlive;
  private int expect;
  private String target;
  private String host;

  /** No Expect header. */
  public static final int EXPECT_NONE = 0;

  /** {@code Expect: 100-continue}. */
  public static final int EXPECT_CONTINUE = 1;

  /** An expectation the proxy cannot meet (417). */
  public static final int EXPECT_OTHER = 2;

  RequestHead set(
      byte[] bytes,
      int length,
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
    this.length = length;
    this.methodEnd = methodEnd;
    this.targetStart = targetStart;
    this.targetEnd = targetEnd;
    this.http10 = http10;
    this.headers = headers;
    this.contentLength = contentLength;
    this.chunked = chunked;
    this.keepAlive = keepAlive;
    this.expect = expect;
    // A keep-alive connection nearly always repeats its host, and often its target: keep the
    // Strings of the previous request when the bytes are the same.
    if (target != null && !Ascii.equals(bytes, targetStart, targetEnd, target)) {
      target = null;
    }
    if (host != null) {
      int i = headers.indexOf(HeaderFields.HOST);
      if (i < 0 || !Ascii.equals(bytes, headers.valueStart(i), headers.valueEnd(i), host)) {
        host = null;
      }
    }
    return this;
  }

  /**
   * The head as received, from the request line through the blank line, in {@code [0, length())}.
   */
  public byte[] bytes() {
    return bytes;
  }

  /** The head's length: {@link #bytes} may be a longer buffer reused by the connection. */
  public int length() {
    return length;
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

  private static final byte[] WEBSOCKET = Ascii.bytes("websocket");
  private static final byte[] UPGRADE = Ascii.bytes("upgrade");

  /**
   * Whether this is a WebSocket opening handshake (RFC 6455 section 4.1): an HTTP/1.1 {@code GET}
   * without a body, {@code Upgrade: websocket} and {@code upgrade} among the Connection options.
   * Only this upgrade is relayed: tunnelling any protocol a client names (h2c, for one) would let
   * it talk past the proxy's parser to the upstream.
   */
  public boolean isWebSocketUpgrade() {
    if (http10
        || hasBody()
        || methodEnd != 3
        || bytes[0] != 'G'
        || bytes[1] != 'E'
        || bytes[2] != 'T'
        || headers.indexOf(HeaderFields.UPGRADE) < 0) {
      return false;
    }
    return headers.tokens(HeaderFields.UPGRADE, WEBSOCKET, null, false) == HeaderFields.FIRST
        && (headers.tokens(HeaderFields.CONNECTION, UPGRADE, null, false) & HeaderFields.FIRST)
            != 0;
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
    String h = host;
    if (h == null) {
      int i = headers.indexOf(HeaderFields.HOST);
      if (i < 0) {
        return null;
      }
      h = headers.value(i);
      host = h;
    }
    return h;
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
