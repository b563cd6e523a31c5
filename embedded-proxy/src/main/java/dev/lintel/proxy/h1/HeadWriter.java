package dev.lintel.proxy.h1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Writes the heads the proxy sends: the upstream request and the client response. Every field the
 * proxy does not act on is copied as one byte range, exactly as it was received (the parser has
 * already refused anything that could break the framing).
 */
public final class HeadWriter {
  private static final byte[] HTTP_11_CRLF = Ascii.bytes(" HTTP/1.1\r\n");
  private static final byte[] HTTP_11_SP = Ascii.bytes("HTTP/1.1 ");
  private static final byte[] XFF = Ascii.bytes("x-forwarded-for: ");
  private static final byte[] XFH = Ascii.bytes("x-forwarded-host: ");
  private static final byte[] HOST = Ascii.bytes("host: ");
  private static final byte[] TE_CHUNKED = Ascii.bytes("transfer-encoding: chunked\r\n");
  private static final byte[] TRAILERS = Ascii.bytes("trailers");
  private static final byte[] TE_TRAILERS = Ascii.bytes("te: trailers\r\n");
  private static final byte[] CONNECTION_CLOSE = Ascii.bytes("connection: close\r\n");
  private static final byte[] CONNECTION_KEEP_ALIVE = Ascii.bytes("connection: keep-alive\r\n");
  private static final byte[] COMMA_SP = Ascii.bytes(", ");
  private static final byte[] UPGRADE_WEBSOCKET =
      Ascii.bytes("connection: upgrade\r\nupgrade: websocket\r\n");
  private static final short CRLF = ('\r' << 8) | '\n';

  private HeadWriter() {}

  /**
   * The request for the upstream: always HTTP/1.1 (so upstream connections can be kept whatever the
   * client speaks), without hop-by-hop fields or Expect, with the client appended to {@code
   * X-Forwarded-For} and the original scheme and host recorded.
   *
   * @param fallbackHost Host for a request without one (HTTP/1.0 may omit it; HTTP/1.1 requires it)
   */
  public static ByteBuf request(
      ByteBufAllocator alloc, RequestHead request, String clientIp, String fallbackHost) {
    return request(
        alloc, request, clientIp, fallbackHost, HeaderEdits.NONE, null, null, Scheme.HTTP, false);
  }

  /**
   * Like {@link #request(ByteBufAllocator, RequestHead, String, String)}, with a route's changes,
   * for a client that came in with {@code scheme}.
   *
   * @param edits header changes (the proxy's own fields and the framing are not subject to them)
   * @param target the request-target to send instead of the received one, or null
   * @param host the Host to send instead of the received one, or null
   * @param scheme what {@code X-Forwarded-Proto} says
   * @param keepTeTrailers keep a {@code TE: trailers} of the client: the upstream is an h2c
   *     backend, where it is no hop-by-hop field but what gRPC servers require to see
   */
  public static ByteBuf request(
      ByteBufAllocator alloc,
      RequestHead request,
      String clientIp,
      String fallbackHost,
      HeaderEdits edits,
      String target,
      String host,
      Scheme scheme,
      boolean keepTeTrailers) {
    byte[] b = request.bytes();
    HeaderFields fields = request.headers();
    int extra =
        edits.appendedLength()
            + (target == null ? 0 : target.length())
            + (host == null ? 0 : host.length());
    ByteBuf out =
        alloc.ioBuffer(request.length() + 96 + clientIp.length() + fallbackHost.length() + extra);
    if (target == null) {
      out.writeBytes(b, 0, request.targetEnd());
    } else {
      out.writeBytes(b, 0, request.targetStart());
      out.writeCharSequence(target, StandardCharsets.ISO_8859_1);
    }
    out.writeBytes(HTTP_11_CRLF);
    int receivedHost = -1;
    int firstForwardedFor = -1;
    boolean editing = !edits.isEmpty();
    for (int i = 0; i < fields.size(); i++) {
      switch (fields.kind(i)) {
        case HeaderFields.OTHER:
          if (!editing || !edits.drops(fields, i)) {
            copyField(out, fields, i);
          }
          break;
        case HeaderFields.CONTENT_LENGTH:
          copyField(out, fields, i);
          break;
        case HeaderFields.HOST:
          receivedHost = i;
          if (host == null) {
            copyField(out, fields, i);
          }
          break;
        case HeaderFields.X_FORWARDED_FOR:
          if (firstForwardedFor < 0) {
            firstForwardedFor = i;
          }
          break;
        case HeaderFields.TE:
          if (keepTeTrailers
              && Ascii.equalsIgnoreCase(b, fields.valueStart(i), fields.valueEnd(i), TRAILERS)) {
            out.writeBytes(TE_TRAILERS);
          }
          break;
        default:
          break; // hop-by-hop, Expect, and the X-Forwarded-* fields the proxy sets itself
      }
    }
    if (host != null) {
      out.writeBytes(HOST);
      out.writeCharSequence(host, StandardCharsets.ISO_8859_1);
      out.writeShort(CRLF);
    }
    // Every X-Forwarded-For line folds into one, with the client appended.
    out.writeBytes(XFF);
    if (firstForwardedFor >= 0) {
      for (int i = firstForwardedFor; i < fields.size(); i++) {
        int length = fields.valueEnd(i) - fields.valueStart(i);
        if (fields.kind(i) == HeaderFields.X_FORWARDED_FOR && length > 0) {
          out.writeBytes(b, fields.valueStart(i), length);
          out.writeBytes(COMMA_SP);
        }
      }
    }
    out.writeCharSequence(clientIp, StandardCharsets.ISO_8859_1);
    out.writeShort(CRLF);
    out.writeBytes(scheme.forwardedProtoLine);
    if (receivedHost >= 0) {
      out.writeBytes(XFH);
      out.writeBytes(
          b,
          fields.valueStart(receivedHost),
          fields.valueEnd(receivedHost) - fields.valueStart(receivedHost));
    } else if (host == null) {
      out.writeBytes(HOST);
      out.writeCharSequence(fallbackHost, StandardCharsets.ISO_8859_1);
    }
    if (receivedHost >= 0 || host == null) {
      out.writeShort(CRLF);
    }
    for (byte[] line : edits.appendedLines()) {
      out.writeBytes(line);
    }
    if (request.isWebSocketUpgrade()) {
      out.writeBytes(UPGRADE_WEBSOCKET); // the one upgrade relayed (see RequestHead)
    }
    if (request.isChunked()) {
      out.writeBytes(TE_CHUNKED);
    }
    out.writeShort(CRLF);
    return out;
  }

  /**
   * The response for the client: HTTP/1.1 with the upstream's status and reason, without hop-by-hop
   * fields, framed as the caller decided.
   *
   * @param chunked add {@code Transfer-Encoding: chunked} (the body is sent as chunks)
   * @param keepAlive whether the client connection stays open after this response
   * @param http10Client the client speaks HTTP/1.0, which keeps a connection only when told so
   */
  public static ByteBuf response(
      ByteBufAllocator alloc,
      ResponseHead response,
      boolean chunked,
      boolean keepAlive,
      boolean http10Client) {
    return response(alloc, response, chunked, keepAlive, http10Client, HeaderEdits.NONE);
  }

  /**
   * Like {@link #response(ByteBufAllocator, ResponseHead, boolean, boolean, boolean)}, with a
   * route's header changes (framing and connection fields are not subject to them).
   */
  public static ByteBuf response(
      ByteBufAllocator alloc,
      ResponseHead response,
      boolean chunked,
      boolean keepAlive,
      boolean http10Client,
      HeaderEdits edits) {
    byte[] b = response.bytes();
    HeaderFields fields = response.headers();
    ByteBuf out = alloc.ioBuffer(response.length() + 64 + edits.appendedLength());
    out.writeBytes(HTTP_11_SP);
    out.writeBytes(b, response.statusStart(), response.reasonEnd() - response.statusStart());
    out.writeShort(CRLF);
    boolean editing = !edits.isEmpty();
    for (int i = 0; i < fields.size(); i++) {
      byte kind = fields.kind(i);
      if (!HeaderFields.isHopByHop(kind)
          && (!editing || kind == HeaderFields.CONTENT_LENGTH || !edits.drops(fields, i))) {
        copyField(out, fields, i);
      }
    }
    for (byte[] line : edits.appendedLines()) {
      out.writeBytes(line);
    }
    if (chunked) {
      out.writeBytes(TE_CHUNKED);
    }
    if (!keepAlive) {
      out.writeBytes(CONNECTION_CLOSE);
    } else if (http10Client) {
      out.writeBytes(CONNECTION_KEEP_ALIVE);
    }
    out.writeShort(CRLF);
    return out;
  }

  /**
   * The {@code 101 Switching Protocols} answer to a WebSocket handshake, for the client: the
   * upstream's fields (its {@code Sec-WebSocket-Accept} among them) without hop-by-hop ones, and
   * the upgrade itself.
   */
  public static ByteBuf switchingProtocols(
      ByteBufAllocator alloc, ResponseHead response, HeaderEdits edits) {
    byte[] b = response.bytes();
    HeaderFields fields = response.headers();
    ByteBuf out = alloc.ioBuffer(response.length() + 64 + edits.appendedLength());
    out.writeBytes(HTTP_11_SP);
    out.writeBytes(b, response.statusStart(), response.reasonEnd() - response.statusStart());
    out.writeShort(CRLF);
    boolean editing = !edits.isEmpty();
    for (int i = 0; i < fields.size(); i++) {
      if (!HeaderFields.isHopByHop(fields.kind(i)) && (!editing || !edits.drops(fields, i))) {
        copyField(out, fields, i);
      }
    }
    for (byte[] line : edits.appendedLines()) {
      out.writeBytes(line);
    }
    out.writeBytes(UPGRADE_WEBSOCKET);
    out.writeShort(CRLF);
    return out;
  }

  /** One field line as received, name through value, then CRLF. */
  private static void copyField(ByteBuf out, HeaderFields fields, int i) {
    int start = fields.nameStart(i);
    out.writeBytes(fields.bytes(), start, fields.valueEnd(i) - start);
    out.writeShort(CRLF);
  }
}
