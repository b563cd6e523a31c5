package dev.lintel.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes what an HTTP/2 stream carries as HTTP/1.1 bytes: a request head for the proxy's client
 * side, a response head for its upstream side, body pieces as chunks, trailers as the last chunk's
 * trailer section. The HTTP/1.1 parser reads these bytes next, so nothing may reach them that could
 * change their framing: connection-specific fields are dropped (whatever the HTTP/2 decoder already
 * refused), and names and values are checked for anything that would end a line.
 */
final class Http1Bytes {
  private static final AsciiString COOKIE = AsciiString.cached("cookie");
  private static final AsciiString HOST = AsciiString.cached("host");
  private static final AsciiString TE = AsciiString.cached("te");
  private static final AsciiString TRAILERS = AsciiString.cached("trailers");
  private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
  private static final AsciiString[] CONNECTION_SPECIFIC = {
    AsciiString.cached("connection"),
    AsciiString.cached("keep-alive"),
    AsciiString.cached("proxy-connection"),
    AsciiString.cached("transfer-encoding"),
    AsciiString.cached("upgrade"),
    AsciiString.cached("http2-settings")
  };
  private static final short CRLF = ('\r' << 8) | '\n';
  private static final ByteBuf CRLF_BYTES =
      Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {'\r', '\n'})).asReadOnly();

  private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

  private Http1Bytes() {}

  /**
   * The request head of a stream's HEADERS: {@code :authority} becomes Host, several cookie fields
   * one (RFC 9113 section 8.2.3).
   *
   * @param chunked the body follows as chunks (it has no content-length)
   */
  static ByteBuf requestHead(ByteBufAllocator alloc, Http2Headers headers, boolean chunked)
      throws Http2MessageException {
    CharSequence method = headers.method();
    CharSequence path = headers.path();
    if (method == null || path == null || path.length() == 0) {
      throw new Http2MessageException("request without :method or :path");
    }
    checkToken(method);
    checkTarget(path);
    CharSequence authority = headers.authority();
    if (authority != null) {
      checkTarget(authority);
    }
    ByteBuf out = alloc.ioBuffer(256);
    try {
      write(out, method);
      out.writeByte(' ');
      write(out, path);
      write(out, " HTTP/1.1\r\n");
      if (authority != null) {
        writeField(out, HOST, authority);
      }
      StringBuilder cookies = null;
      for (Map.Entry<CharSequence, CharSequence> field : headers) {
        CharSequence name = field.getKey();
        CharSequence value = field.getValue();
        if (isPseudo(name) || isConnectionSpecific(name, value)) {
          continue;
        }
        if (AsciiString.contentEqualsIgnoreCase(name, HOST)) {
          if (authority == null) {
            checkValue(value);
            writeField(out, HOST, value);
          }
        } else if (AsciiString.contentEqualsIgnoreCase(name, COOKIE)) {
          checkValue(value);
          cookies = cookies == null ? new StringBuilder(value) : cookies.append("; ").append(value);
        } else {
          checkName(name);
          checkValue(value);
          writeField(out, name, value);
        }
      }
      if (cookies != null) {
        writeField(out, COOKIE, cookies);
      }
      if (chunked) {
        write(out, "transfer-encoding: chunked\r\n");
      }
      out.writeShort(CRLF);
      return out;
    } catch (Http2MessageException e) {
      out.release();
      throw e;
    }
  }

  /**
   * The response head of a stream's HEADERS, for the proxy's upstream side. It always says {@code
   * connection: close}: the stream carries this one exchange, and the proxy then closes the stream
   * rather than pooling it (the HTTP/2 connection under it stays).
   *
   * @param chunked the body follows as chunks
   * @param endStream the HEADERS ended the stream: no body, said with a zero length
   */
  static ByteBuf responseHead(
      ByteBufAllocator alloc, Http2Headers headers, boolean chunked, boolean endStream)
      throws Http2MessageException {
    int status = status(headers);
    ByteBuf out = alloc.ioBuffer(256);
    try {
      write(out, "HTTP/1.1 ");
      write(out, HttpResponseStatus.valueOf(status).toString());
      out.writeShort(CRLF);
      writeFields(out, headers);
      if (chunked) {
        write(out, "transfer-encoding: chunked\r\n");
      } else if (endStream && !headers.contains(CONTENT_LENGTH) && status != 204 && status != 304) {
        write(out, "content-length: 0\r\n");
      }
      write(out, "connection: close\r\n\r\n");
      return out;
    } catch (Http2MessageException e) {
      out.release();
      throw e;
    }
  }

  /** The {@code :status} of a response HEADERS, 100 to 599. */
  static int status(Http2Headers headers) throws Http2MessageException {
    CharSequence status = headers.status();
    if (status == null || status.length() != 3) {
      throw new Http2MessageException("response without a valid :status");
    }
    int value = 0;
    for (int i = 0; i < 3; i++) {
      char c = status.charAt(i);
      if (c < '0' || c > '9') {
        throw new Http2MessageException("response without a valid :status");
      }
      value = value * 10 + (c - '0');
    }
    if (value < 100 || value > 599) {
      throw new Http2MessageException("response without a valid :status");
    }
    return value;
  }

  /**
   * The bytes of a DATA frame's payload (now owned by the result) in the body's framing, or null
   * when there are none: as they are for a declared length, else as a chunk, with the last chunk
   * when the frame ends the stream.
   */
  static ByteBuf body(ByteBufAllocator alloc, Http2DataFrame frame, boolean chunked) {
    ByteBuf content = frame.content();
    if (!chunked) {
      if (content.isReadable()) {
        return content;
      }
      content.release();
      return null;
    }
    ByteBuf chunk = chunk(alloc, content);
    if (!frame.isEndStream()) {
      if (chunk.isReadable()) {
        return chunk;
      }
      chunk.release();
      return null;
    }
    ByteBuf last = lastChunk(alloc);
    if (!chunk.isReadable()) {
      chunk.release();
      return last;
    }
    return alloc.compositeBuffer(2).addComponents(true, chunk, last);
  }

  /** One chunk of {@code data} (owned by the result); empty data gives an empty buffer. */
  static ByteBuf chunk(ByteBufAllocator alloc, ByteBuf data) {
    int size = data.readableBytes();
    if (size == 0) {
      return data;
    }
    ByteBuf sizeLine = alloc.ioBuffer(10);
    sizeLine.writeCharSequence(Integer.toHexString(size), StandardCharsets.US_ASCII);
    sizeLine.writeShort(CRLF);
    return Unpooled.wrappedBuffer(sizeLine, data, CRLF_BYTES.duplicate());
  }

  /** The last chunk of a body without trailers. */
  static ByteBuf lastChunk(ByteBufAllocator alloc) {
    return alloc.ioBuffer(5).writeBytes(LAST_CHUNK);
  }

  /** The last chunk, with the trailer section of {@code trailers}. */
  static ByteBuf lastChunk(ByteBufAllocator alloc, Http2Headers trailers)
      throws Http2MessageException {
    ByteBuf out = alloc.ioBuffer(128);
    try {
      write(out, "0\r\n");
      writeFields(out, trailers);
      out.writeShort(CRLF);
      return out;
    } catch (Http2MessageException e) {
      out.release();
      throw e;
    }
  }

  /** Every field but pseudo-headers and connection-specific ones, checked. */
  private static void writeFields(ByteBuf out, Http2Headers headers) throws Http2MessageException {
    for (Map.Entry<CharSequence, CharSequence> field : headers) {
      CharSequence name = field.getKey();
      CharSequence value = field.getValue();
      if (isPseudo(name) || isConnectionSpecific(name, value)) {
        continue;
      }
      checkName(name);
      checkValue(value);
      writeField(out, name, value);
    }
  }

  private static boolean isPseudo(CharSequence name) {
    return name.length() > 0 && name.charAt(0) == ':';
  }

  /**
   * Fields that describe one HTTP/1 connection and must not reach the HTTP/1.1 parser from a stream
   * (a transfer-encoding would reframe the message). {@code te: trailers} is the one TE kept.
   */
  private static boolean isConnectionSpecific(CharSequence name, CharSequence value) {
    if (AsciiString.contentEqualsIgnoreCase(name, TE)) {
      return !AsciiString.contentEqualsIgnoreCase(AsciiString.trim(value), TRAILERS);
    }
    for (AsciiString forbidden : CONNECTION_SPECIFIC) {
      if (AsciiString.contentEqualsIgnoreCase(name, forbidden)) {
        return true;
      }
    }
    return false;
  }

  private static void writeField(ByteBuf out, CharSequence name, CharSequence value) {
    write(out, name);
    out.writeByte(':');
    out.writeByte(' ');
    write(out, value);
    out.writeShort(CRLF);
  }

  private static void write(ByteBuf out, CharSequence s) {
    if (s instanceof AsciiString ascii) {
      out.writeBytes(ascii.array(), ascii.arrayOffset(), ascii.length());
    } else {
      out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }
  }

  /** Token characters only (RFC 9110 section 5.6.2). */
  static void checkToken(CharSequence s) throws Http2MessageException {
    if (s.length() == 0) {
      throw new Http2MessageException("empty token");
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        throw new Http2MessageException("invalid character in a token");
      }
    }
  }

  private static void checkName(CharSequence name) throws Http2MessageException {
    checkToken(name);
  }

  /** Visible characters only: a request-target or authority goes into the request line as is. */
  private static void checkTarget(CharSequence s) throws Http2MessageException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new Http2MessageException("invalid character in :path or :authority");
      }
    }
  }

  /** No NUL, CR or LF (RFC 9113 section 8.2.1), nor anything else HTTP/1.1 refuses. */
  private static void checkValue(CharSequence s) throws Http2MessageException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
        throw new Http2MessageException("invalid character in a field value");
      }
    }
  }

  private static boolean isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
