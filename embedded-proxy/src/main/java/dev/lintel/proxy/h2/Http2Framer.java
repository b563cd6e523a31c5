package dev.lintel.proxy.h2;

import dev.lintel.proxy.h1.BodyDecoder;
import dev.lintel.proxy.h1.HeadBuffer;
import dev.lintel.proxy.h1.HeadScanner;
import dev.lintel.proxy.h1.HeaderFields;
import dev.lintel.proxy.h1.HttpParseException;
import dev.lintel.proxy.h1.RequestHead;
import dev.lintel.proxy.h1.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the HTTP/1.1 bytes of one message, as the proxy writes them, into HTTP/2 frames: the head
 * into HEADERS (names in lower case, connection-specific fields dropped), the body into DATA,
 * chunked trailers into a trailing HEADERS. The bytes may come in any pieces; frames are made as
 * soon as what they carry is complete. The bytes are the proxy's own, already checked by its parser
 * when they came in, so a parse error here is a bug rather than bad input.
 */
final class Http2Framer {
  private static final AsciiString TE = AsciiString.cached("te");
  private static final AsciiString TRAILERS = AsciiString.cached("trailers");
  private static final AsciiString HTTP = AsciiString.cached("http");

  private final boolean response;
  private final HeadScanner heads;
  private final HeadBuffer headBuffer = new HeadBuffer();
  private ByteBuf received;
  private BodyDecoder body;
  private boolean done;
  private boolean headRequest;

  private Http2Framer(boolean response, int maxFields) {
    this.response = response;
    this.heads = new HeadScanner(8 * 1024, maxFields, 502);
  }

  /** For the response the proxy writes to an HTTP/2 client. */
  static Http2Framer forResponse() {
    return new Http2Framer(true, Http2Limits.MAX_UPSTREAM_HEADER_LIST_SIZE);
  }

  /** For the request the proxy writes to an h2c backend. */
  static Http2Framer forRequest() {
    return new Http2Framer(false, Http2Limits.MAX_UPSTREAM_HEADER_LIST_SIZE);
  }

  /** The response answers a HEAD request: it has no body, whatever its head says. */
  void answersHead() {
    headRequest = true;
  }

  /** Whether the whole message has been framed. */
  boolean isDone() {
    return done;
  }

  /** Takes {@code bytes} (now owned here) and adds the frames they complete to {@code out}. */
  void add(ByteBufAllocator alloc, ByteBuf bytes, List<Http2StreamFrame> out)
      throws HttpParseException {
    if (done) {
      bytes.release();
      return;
    }
    received =
        received == null
            ? bytes
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, received, bytes);
    try {
      while (!done && received.isReadable()) {
        if (body == null) {
          int length = heads.scan(received);
          if (length < 0) {
            break;
          }
          if (response) {
            responseHead(headBuffer.parseResponse(received, length), out);
          } else {
            requestHead(headBuffer.parseRequest(received, length), out);
          }
        } else {
          ByteBuf piece = body.next(received);
          if (piece == null) {
            break;
          }
          bodyPiece(piece, out);
        }
      }
    } finally {
      if (!received.isReadable() || done) {
        received.release();
        received = null;
      }
    }
  }

  /** Releases what is held: the stream ended before the message did. */
  void release() {
    if (received != null) {
      received.release();
      received = null;
    }
  }

  private void responseHead(ResponseHead head, List<Http2StreamFrame> out) {
    int status = head.status();
    Http2Headers headers = new DefaultHttp2Headers(false);
    headers.status(AsciiString.of(Integer.toString(status)));
    copyFields(head.headers(), headers);
    if (status < 200) {
      out.add(new DefaultHttp2HeadersFrame(headers, false)); // interim: the final head follows
      return;
    }
    boolean bodyless =
        headRequest
            || status == 204
            || status == 304
            || (!head.isChunked() && head.contentLength() == 0);
    startBody(
        headers,
        bodyless
            ? null
            : BodyDecoder.forFraming(
                head.isChunked(), head.contentLength(), Http2Limits.MAX_TRAILERS),
        out);
  }

  private void requestHead(RequestHead head, List<Http2StreamFrame> out) {
    Http2Headers headers = new DefaultHttp2Headers(false);
    headers.method(AsciiString.of(head.method()));
    headers.scheme(HTTP);
    String host = head.host();
    if (host != null) {
      headers.authority(AsciiString.of(host));
    }
    headers.path(AsciiString.of(head.target()));
    copyFields(head.headers(), headers);
    startBody(
        headers,
        head.hasBody()
            ? BodyDecoder.forFraming(
                head.isChunked(), head.contentLength(), Http2Limits.MAX_TRAILERS)
            : null,
        out);
  }

  private void startBody(Http2Headers headers, BodyDecoder decoder, List<Http2StreamFrame> out) {
    body = decoder;
    done = decoder == null;
    out.add(new DefaultHttp2HeadersFrame(headers, done));
  }

  private void bodyPiece(ByteBuf piece, List<Http2StreamFrame> out) {
    if (!body.isDone()) {
      if (piece.isReadable()) {
        out.add(new DefaultHttp2DataFrame(piece, false));
      } else {
        piece.release();
      }
      return;
    }
    done = true;
    byte[] trailers = body.trailers();
    if (trailers.length == 0) {
      out.add(new DefaultHttp2DataFrame(piece, true));
      return;
    }
    if (piece.isReadable()) {
      out.add(new DefaultHttp2DataFrame(piece, false));
    } else {
      piece.release();
    }
    out.add(new DefaultHttp2HeadersFrame(trailerHeaders(trailers), true));
  }

  /**
   * Every field but the hop-by-hop ones (which HTTP/2 forbids), names in lower case; {@code te:
   * trailers} is kept for a backend (the proxy wrote it only for h2c backends, which gRPC needs).
   */
  private void copyFields(HeaderFields fields, Http2Headers headers) {
    for (int i = 0; i < fields.size(); i++) {
      byte kind = fields.kind(i);
      if (kind == HeaderFields.HOST && !response) {
        continue; // it is the :authority
      }
      if (HeaderFields.isHopByHop(kind)) {
        if (kind == HeaderFields.TE && !response && isTrailers(fields.value(i))) {
          headers.add(TE, TRAILERS);
        }
        continue;
      }
      headers.add(AsciiString.of(fields.name(i)).toLowerCase(), AsciiString.of(fields.value(i)));
    }
  }

  private static boolean isTrailers(String value) {
    return value.trim().equalsIgnoreCase("trailers");
  }

  /** The trailer lines of a chunked body ({@code name: value} CRLF each, already checked). */
  static Http2Headers trailerHeaders(byte[] lines) {
    Http2Headers headers = new DefaultHttp2Headers(false);
    String text = new String(lines, StandardCharsets.ISO_8859_1);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf("\r\n", start);
      if (end < 0) {
        end = text.length();
      }
      int colon = text.indexOf(':', start);
      if (colon > start && colon < end) {
        headers.add(
            AsciiString.of(text.substring(start, colon)).toLowerCase(),
            AsciiString.of(text.substring(colon + 1, end).trim()));
      }
      start = end + 2;
    }
    return headers;
  }
}
