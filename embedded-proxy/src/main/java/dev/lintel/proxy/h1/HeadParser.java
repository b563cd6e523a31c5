package dev.lintel.proxy.h1;

/**
 * Parses complete message heads (found by {@link HeadScanner}) and derives their framing.
 *
 * <p>Requests are parsed strictly (RFC 9112; a request is what an attacker controls): any doubt
 * about where a message ends is an error, because a proxy and its upstream that disagree on it can
 * be made to see a smuggled second request. Responses come from the Gateway's own backends and are
 * held to the same syntax; their errors become 502.
 */
public final class HeadParser {
  /** More header fields than this in one head is refused (431 for requests). */
  public static final int MAX_FIELDS = 256;

  private static final byte[] HTTP_1 = Ascii.bytes("HTTP/1.");
  private static final byte[] CHUNKED = Ascii.bytes("chunked");
  private static final byte[] CLOSE = Ascii.bytes("close");
  private static final byte[] KEEP_ALIVE = Ascii.bytes("keep-alive");
  private static final byte[] CONTINUE = Ascii.bytes("100-continue");

  private HeadParser() {}

  /**
   * @param head the head's bytes, request line through the blank line
   */
  public static RequestHead parseRequest(byte[] head) throws HttpParseException {
    return parseRequest(head, head.length, null, new RequestHead());
  }

  /**
   * @param head holds the head's bytes in {@code [0, length)}
   * @param reuse the fields to parse into, or null for new ones
   * @param reuseHead the head to fill in
   */
  static RequestHead parseRequest(
      byte[] head, int length, HeaderFields reuse, RequestHead reuseHead)
      throws HttpParseException {
    checkBlankLineEnd(head, length, 400);
    int pos = 0;
    while (pos < length && Ascii.isToken(head[pos])) {
      pos++;
    }
    if (pos == 0 || pos == length || head[pos] != Ascii.SP) {
      throw new HttpParseException(400, "malformed request method");
    }
    int methodEnd = pos++;
    int targetStart = pos;
    while (pos < length && Ascii.isTargetChar(head[pos])) {
      pos++;
    }
    if (pos == targetStart || pos == length || head[pos] != Ascii.SP) {
      throw new HttpParseException(400, "malformed request target");
    }
    int targetEnd = pos++;
    boolean http10 = http10(head, length, pos, 400, 505);
    pos += HTTP_1.length + 1;
    if (pos + 1 >= length || head[pos] != Ascii.CR || head[pos + 1] != Ascii.LF) {
      throw new HttpParseException(400, "malformed request line");
    }
    HeaderFields fields = fields(head, pos + 2, length - 2, reuse);

    int hosts = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.kind(i) == HeaderFields.HOST) {
        hosts++;
      }
    }
    if (hosts > 1) {
      throw new HttpParseException(400, "more than one Host header");
    }
    if (hosts == 0 && !http10) {
      throw new HttpParseException(400, "HTTP/1.1 request without Host header");
    }
    long contentLength = contentLength(fields, 400);
    boolean chunked = false;
    if (fields.indexOf(HeaderFields.TRANSFER_ENCODING) >= 0) {
      if (http10) {
        throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
      }
      if (contentLength >= 0) {
        throw new HttpParseException(400, "both Content-Length and Transfer-Encoding");
      }
      if (!onlyChunked(fields)) {
        throw new HttpParseException(501, "unsupported transfer coding");
      }
      chunked = true;
    }
    int persistence = persistence(fields);
    int expect = RequestHead.EXPECT_NONE;
    int expectIndex = fields.indexOf(HeaderFields.EXPECT);
    if (expectIndex >= 0 && !http10) {
      // An HTTP/1.0 client cannot know interim responses: its expectation is ignored (RFC 9110).
      expect =
          Ascii.equalsIgnoreCase(
                  head, fields.valueStart(expectIndex), fields.valueEnd(expectIndex), CONTINUE)
              ? RequestHead.EXPECT_CONTINUE
              : RequestHead.EXPECT_OTHER;
    }
    return reuseHead.set(
        head,
        length,
        methodEnd,
        targetStart,
        targetEnd,
        http10,
        fields,
        contentLength,
        chunked,
        keepAlive(persistence, http10),
        expect);
  }

  /**
   * @param head the head's bytes, status line through the blank line
   */
  public static ResponseHead parseResponse(byte[] head) throws HttpParseException {
    return parseResponse(head, head.length, null, new ResponseHead());
  }

  /**
   * @param head holds the head's bytes in {@code [0, length)}
   * @param reuse the fields to parse into, or null for new ones
   * @param reuseHead the head to fill in
   */
  static ResponseHead parseResponse(
      byte[] head, int length, HeaderFields reuse, ResponseHead reuseHead)
      throws HttpParseException {
    checkBlankLineEnd(head, length, 502);
    boolean http10 = http10(head, length, 0, 502, 502);
    int pos = HTTP_1.length + 1;
    if (pos + 4 > length
        || head[pos] != Ascii.SP
        || !Ascii.isDigit(head[pos + 1])
        || !Ascii.isDigit(head[pos + 2])
        || !Ascii.isDigit(head[pos + 3])) {
      throw new HttpParseException(502, "malformed status line");
    }
    int statusStart = pos + 1;
    int status = (head[pos + 1] - '0') * 100 + (head[pos + 2] - '0') * 10 + (head[pos + 3] - '0');
    pos += 4;
    if (pos < length && head[pos] == Ascii.SP) {
      pos++;
      while (pos < length && head[pos] != Ascii.CR) {
        if (!Ascii.isFieldValueChar(head[pos])) {
          throw new HttpParseException(502, "invalid character in reason phrase");
        }
        pos++;
      }
    }
    if (pos + 1 >= length || head[pos] != Ascii.CR || head[pos + 1] != Ascii.LF) {
      throw new HttpParseException(502, "malformed status line");
    }
    int reasonEnd = pos;
    HeaderFields fields = fields(head, pos + 2, length - 2, reuse);
    long contentLength = contentLength(fields, 502);
    boolean keepAlive = keepAlive(persistence(fields), http10);
    boolean chunked = false;
    if (fields.indexOf(HeaderFields.TRANSFER_ENCODING) >= 0) {
      if (contentLength >= 0) {
        throw new HttpParseException(502, "both Content-Length and Transfer-Encoding");
      }
      chunked = onlyChunked(fields);
      if (!chunked) {
        // Another coding last: the body runs until the upstream closes (RFC 9112 section 6.3).
        keepAlive = false;
      }
    }
    return reuseHead.set(
        head, length, status, statusStart, reasonEnd, fields, contentLength, chunked, keepAlive);
  }

  private static HeaderFields fields(byte[] head, int from, int to, HeaderFields reuse)
      throws HttpParseException {
    if (reuse == null) {
      return HeaderFields.parse(head, from, to, MAX_FIELDS);
    }
    reuse.parseInto(head, from, to, MAX_FIELDS);
    return reuse;
  }

  /** The head must end with CRLF CRLF. */
  private static void checkBlankLineEnd(byte[] head, int length, int status)
      throws HttpParseException {
    if (length < 4
        || head[length - 4] != Ascii.CR
        || head[length - 3] != Ascii.LF
        || head[length - 2] != Ascii.CR
        || head[length - 1] != Ascii.LF) {
      throw new HttpParseException(status, "lines must end with CRLF");
    }
  }

  /** Parses {@code HTTP/1.x} at {@code pos}: true for 1.0, false for any later 1.x. */
  private static boolean http10(byte[] head, int length, int pos, int malformed, int unsupported)
      throws HttpParseException {
    if (pos + HTTP_1.length + 1 > length) {
      throw new HttpParseException(malformed, "malformed HTTP version");
    }
    for (int i = 0; i < HTTP_1.length; i++) {
      if (head[pos + i] != HTTP_1[i]) {
        if (i == 5 && Ascii.isDigit(head[pos + i])) {
          throw new HttpParseException(unsupported, "unsupported HTTP version");
        }
        throw new HttpParseException(malformed, "malformed HTTP version");
      }
    }
    byte minor = head[pos + HTTP_1.length];
    if (!Ascii.isDigit(minor)) {
      throw new HttpParseException(malformed, "malformed HTTP version");
    }
    return minor == '0';
  }

  /**
   * The one Content-Length value, or -1 without one. A repeated field is refused even with the same
   * value: nothing legitimate sends it, and peers differ on how to merge it.
   */
  private static long contentLength(HeaderFields fields, int status) throws HttpParseException {
    long result = -1;
    byte[] b = fields.bytes();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.kind(i) != HeaderFields.CONTENT_LENGTH) {
        continue;
      }
      int start = fields.valueStart(i);
      int end = fields.valueEnd(i);
      if (start == end || end - start > 18) {
        throw new HttpParseException(status, "invalid Content-Length");
      }
      long value = 0;
      for (int k = start; k < end; k++) {
        if (!Ascii.isDigit(b[k])) {
          throw new HttpParseException(status, "invalid Content-Length");
        }
        value = value * 10 + (b[k] - '0');
      }
      if (result >= 0) {
        throw new HttpParseException(status, "more than one Content-Length");
      }
      result = value;
    }
    return result;
  }

  /** Whether the transfer codings are exactly {@code chunked}, once. */
  private static boolean onlyChunked(HeaderFields fields) {
    return fields.tokens(HeaderFields.TRANSFER_ENCODING, CHUNKED, null, false)
        == HeaderFields.FIRST;
  }

  /**
   * What the Connection header says about keeping the connection: {@link HeaderFields#FIRST} for
   * {@code close}, {@link HeaderFields#SECOND} for {@code keep-alive}; the fields its other tokens
   * name are marked as not to be forwarded.
   */
  private static int persistence(HeaderFields fields) {
    if (fields.indexOf(HeaderFields.CONNECTION) < 0) {
      return 0;
    }
    return fields.tokens(HeaderFields.CONNECTION, CLOSE, KEEP_ALIVE, true);
  }

  private static boolean keepAlive(int persistence, boolean http10) {
    if ((persistence & (HeaderFields.FIRST | HeaderFields.FIRST_AGAIN)) != 0) {
      return false;
    }
    return (persistence & HeaderFields.SECOND) != 0 || !http10;
  }
}
