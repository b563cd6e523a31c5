package dev.lintel.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.List;

/** Rewrites a client request into the request sent upstream. */
final class ForwardedHeaders {
  static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
  static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
  private static final AsciiString HTTP = AsciiString.cached("http");

  private ForwardedHeaders() {}

  /**
   * Strips hop-by-hop headers, keeps the body framing, appends the client to {@code
   * X-Forwarded-For} and records the original scheme and host. The upstream request is always
   * HTTP/1.1 so that upstream connections can be kept alive whatever the client speaks.
   */
  static void prepare(HttpRequest request, String clientIp, String fallbackHost) {
    HttpHeaders headers = request.headers();
    boolean chunked = HttpUtil.isTransferEncodingChunked(request);
    HopByHopHeaders.strip(headers);
    if (chunked) {
      headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    List<String> forwardedFor = headers.getAll(X_FORWARDED_FOR);
    if (forwardedFor.isEmpty()) {
      headers.set(X_FORWARDED_FOR, clientIp);
    } else {
      headers.set(X_FORWARDED_FOR, String.join(", ", forwardedFor) + ", " + clientIp);
    }
    headers.set(X_FORWARDED_PROTO, HTTP);
    String host = headers.get(HttpHeaderNames.HOST);
    if (host != null) {
      headers.set(X_FORWARDED_HOST, host);
    } else {
      // HTTP/1.0 clients may omit Host, which HTTP/1.1 requires.
      headers.set(HttpHeaderNames.HOST, fallbackHost);
    }
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
  }
}
