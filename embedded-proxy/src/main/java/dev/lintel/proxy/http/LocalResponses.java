package dev.lintel.proxy.http;

import dev.lintel.proxy.routing.CompiledDirectResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The small responses the proxy writes itself (400, 404, 500, 502, 503, 504...): plain text, or for
 * a gRPC call the gRPC status they stand for.
 */
final class LocalResponses {
  /** {@code 100 Continue}, sent before reading a body the client holds back for it. */
  static final ByteBuf CONTINUE =
      Unpooled.unreleasableBuffer(
              Unpooled.wrappedBuffer(
                  "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
          .asReadOnly();

  /** The bytes depend only on the status and the connection header: each variant built once. */
  private static final ConcurrentMap<Integer, byte[]> RESPONSES = new ConcurrentHashMap<>();

  /** The same for the gRPC answers, keyed by the HTTP status they stand for. */
  private static final ConcurrentMap<Integer, byte[]> GRPC_RESPONSES = new ConcurrentHashMap<>();

  private static final byte[] EMPTY = new byte[0];

  private LocalResponses() {}

  /**
   * @param keepAlive whether the connection stays open (else {@code Connection: close})
   * @param http10 the client speaks HTTP/1.0 and is told explicitly that the connection stays
   */
  static ByteBuf create(int status, boolean keepAlive, boolean http10) {
    int variant = !keepAlive ? 0 : http10 ? 1 : 2;
    byte[] bytes = RESPONSES.computeIfAbsent(status * 4 + variant, k -> build(status, variant));
    return Unpooled.wrappedBuffer(bytes);
  }

  /**
   * The answer to a gRPC call that stands for HTTP {@code status}: a trailers-only gRPC response
   * (200, {@code content-type: application/grpc}, {@code grpc-status} from {@link GrpcStatuses},
   * {@code grpc-message} naming the HTTP status, no body), which is what a gRPC client reads the
   * outcome of a call from.
   */
  static ByteBuf grpc(int status, boolean keepAlive, boolean http10) {
    int variant = !keepAlive ? 0 : http10 ? 1 : 2;
    byte[] bytes =
        GRPC_RESPONSES.computeIfAbsent(status * 4 + variant, k -> buildGrpc(status, variant));
    return Unpooled.wrappedBuffer(bytes);
  }

  /**
   * A redirect (Gateway API {@code RequestRedirect}): empty body, {@code Location} as given. Built
   * per request: the location depends on the request.
   *
   * @param location already validated by the config (no CR or LF can reach it)
   */
  static ByteBuf redirect(int status, String location, boolean keepAlive, boolean http10) {
    String connection =
        !keepAlive ? "connection: close\r\n" : http10 ? "connection: keep-alive\r\n" : "";
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + HttpResponseStatus.valueOf(status).reasonPhrase()
            + "\r\nlocation: "
            + location
            + "\r\ncontent-length: 0\r\n"
            + connection
            + "\r\n";
    return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * The answer to an allowed CORS preflight: 200, empty body, the given fields.
   *
   * @param fields header lines ending in CRLF, from the route's CORS policy (tokens and origins
   *     only: no line break can come from a request or a config)
   */
  static ByteBuf preflight(String fields, boolean keepAlive, boolean http10) {
    String connection =
        !keepAlive ? "connection: close\r\n" : http10 ? "connection: keep-alive\r\n" : "";
    String head = "HTTP/1.1 200 OK\r\n" + fields + "content-length: 0\r\n" + connection + "\r\n";
    return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A route's fixed response; for a {@code HEAD} request without its body (the fields still say how
   * long it would be).
   */
  static ByteBuf direct(
      CompiledDirectResponse response, boolean head, boolean keepAlive, boolean http10) {
    String connection =
        !keepAlive
            ? "connection: close\r\n\r\n"
            : http10 ? "connection: keep-alive\r\n\r\n" : "\r\n";
    byte[] body = head ? EMPTY : response.body();
    return Unpooled.wrappedBuffer(
        response.head(), connection.getBytes(StandardCharsets.US_ASCII), body);
  }

  private static byte[] buildGrpc(int status, int variant) {
    // grpc-message is percent-encoded text; a reason phrase needs only its spaces encoded.
    String message =
        (status + " " + HttpResponseStatus.valueOf(status).reasonPhrase()).replace(" ", "%20");
    String head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/grpc\r\ngrpc-status: "
            + GrpcStatuses.forHttpStatus(status)
            + "\r\ngrpc-message: "
            + message
            + "\r\ncontent-length: 0\r\n"
            + connection(variant)
            + "\r\n";
    return head.getBytes(StandardCharsets.US_ASCII);
  }

  private static String connection(int variant) {
    return switch (variant) {
      case 0 -> "connection: close\r\n";
      case 1 -> "connection: keep-alive\r\n";
      default -> "";
    };
  }

  private static byte[] build(int status, int variant) {
    String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
    String body = status + " " + reason + "\n";
    String connection = connection(variant);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
            + body.length()
            + "\r\n"
            + connection
            + "\r\n";
    return (head + body).getBytes(StandardCharsets.US_ASCII);
  }
}
