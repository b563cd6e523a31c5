package dev.lintel.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Removes the headers that describe one connection rather than the message (RFC 9110 section
 * 7.6.1): they must not cross the proxy in either direction. Message framing is set again by the
 * caller.
 */
final class HopByHopHeaders {
  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

  private HopByHopHeaders() {}

  static void strip(HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.CONNECTION)) {
      // Connection may name further per-connection headers; they go too.
      List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
      for (String value : values) {
        for (String token : value.split(",")) {
          String name = token.trim();
          if (!name.isEmpty()) {
            headers.remove(name);
          }
        }
      }
      headers.remove(HttpHeaderNames.CONNECTION);
    }
    headers.remove(HttpHeaderNames.KEEP_ALIVE);
    headers.remove(PROXY_CONNECTION);
    headers.remove(HttpHeaderNames.TE);
    headers.remove(HttpHeaderNames.TRAILER);
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    headers.remove(HttpHeaderNames.UPGRADE);
  }
}
