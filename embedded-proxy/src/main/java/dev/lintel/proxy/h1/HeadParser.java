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
    int length = checkBlankLineEnd(head, 400);
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
    boolean http10 = http10(head, pos, 400, 505);
    pos += HTTP_1.length + 1;
    if (pos + 1 >= length || head[pos] != Ascii.CR || head[pos + 1] != Ascii.LF) {
      throw new HttpParseException(400, "malformed request line");
    }
    HeaderFields fields = HeaderFields.parse(head, pos + 2, length - 2, MAX_FIELDS);

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
    Persistence persistence = persistence(fields);
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
    return new RequestHead(
        head,
        methodEnd,
        targetStart,
        targetEnd,
        http10,
        fields,
        contentLength,
        chunked,
        persistence.keepAlive(http10),
        expect);
  }

  /**
   * @param head the head's bytes, status line through the blank line
   */
  public static ResponseHead parseResponse(byte[] head) throws HttpParseException {
    int length = checkBlankLineEnd(head, 502);
    boolean http10 = http10(head, 0, 502, 502);
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
    HeaderFields fields = HeaderFields.parse(head, pos + 2, length - 2, MAX_FIELDS);
    long contentLength = contentLength(fields, 502);
    Persistence persistence = persistence(fields);
    boolean keepAlive = persistence.keepAlive(http10);
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
    return new ResponseHead(
        head, status, statusStart, reasonEnd, fields, contentLength, chunked, keepAlive);
  }

  /** The head must end with CRLF CRLF; returns its length. */
  private static int checkBlankLineEnd(byte[] head, int status) throws HttpParseException {
    int length = head.length;
    if (length < 4
        || head[length - 4] != Ascii.CR
        || head[length - 3] != Ascii.LF
        || head[length - 2] != Ascii.CR
        || head[length - 1] != Ascii.LF) {
      throw new HttpParseException(status, "lines must end with CRLF");
    }
    return length;
  }

  /** Parses {@code HTTP/1.x} at {@code pos}: true for 1.0, false for any later 1.x. */
  private static boolean http10(byte[] head, int pos, int malformed, int unsupported)
      throws HttpParseException {
    if (pos + HTTP_1.length + 1 > head.length) {
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
  private static boolean onlyChunked(HeaderFields fields) throws HttpParseException {
    int[] counts = new int[2]; // [chunked, other]
    fields.forEachToken(
        HeaderFields.TRANSFER_ENCODING,
        (bytes, start, end) ->
            counts[Ascii.equalsIgnoreCase(bytes, start, end, CHUNKED) ? 0 : 1]++);
    return counts[0] == 1 && counts[1] == 0;
  }

  private static Persistence persistence(HeaderFields fields) throws HttpParseException {
    if (fields.indexOf(HeaderFields.CONNECTION) < 0) {
      return Persistence.DEFAULT;
    }
    boolean[] seen = new boolean[2]; // [close, keep-alive]
    fields.forEachToken(
        HeaderFields.CONNECTION,
        (bytes, start, end) -> {
          if (Ascii.equalsIgnoreCase(bytes, start, end, CLOSE)) {
            seen[0] = true;
          } else if (Ascii.equalsIgnoreCase(bytes, start, end, KEEP_ALIVE)) {
            seen[1] = true;
          } else {
            fields.nominate(bytes, start, end);
          }
        });
    return seen[0] ? Persistence.CLOSE : seen[1] ? Persistence.KEEP_ALIVE : Persistence.DEFAULT;
  }

  /** What the Connection header says about keeping the connection. */
  private enum Persistence {
    DEFAULT,
    CLOSE,
    KEEP_ALIVE;

    boolean keepAlive(boolean http10) {
      return this == KEEP_ALIVE || (this == DEFAULT && !http10);
    }
  }
}
