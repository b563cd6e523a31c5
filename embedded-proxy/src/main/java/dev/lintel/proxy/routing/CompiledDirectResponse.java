package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.DirectResponse;
import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HeaderValue;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A route's fixed response ({@link DirectResponse}), built once per config: the status line, the
 * route's response header changes (a {@code ResponseHeaderModifier} on the same rule applies to
 * what the proxy answers, as it would to a backend's answer), the framing, and the body. Per
 * request only the connection field and whether the body goes out (not for {@code HEAD}) vary.
 */
public final class CompiledDirectResponse {
  private final int status;
  private final byte[] head;
  private final byte[] body;

  private CompiledDirectResponse(int status, byte[] head, byte[] body) {
    this.status = status;
    this.head = head;
    this.body = body;
  }

  static CompiledDirectResponse of(DirectResponse response, HeaderModifier responseHeaders) {
    if (response == null) {
      return null;
    }
    byte[] body =
        response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
    int status = response.statusCode();
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(HttpResponseStatus.valueOf(status).reasonPhrase())
            .append("\r\n");
    Set<String> written = new HashSet<>();
    if (responseHeaders != null) {
      // On a response the proxy makes up, "remove" has nothing to remove and "set" and "add" both
      // write one line (set wins over add for the same name, as on a proxied response).
      for (HeaderValue header : responseHeaders.set()) {
        written.add(header.name().toLowerCase(Locale.ROOT));
        appendField(head, header);
      }
      for (HeaderValue header : responseHeaders.add()) {
        if (!written.contains(header.name().toLowerCase(Locale.ROOT))) {
          appendField(head, header);
        }
      }
    }
    if (body.length > 0 && !written.contains("content-type")) {
      head.append("content-type: text/plain; charset=utf-8\r\n");
    }
    if (status != 204 && status != 304) {
      head.append("content-length: ").append(body.length).append("\r\n");
    }
    return new CompiledDirectResponse(
        status, head.toString().getBytes(StandardCharsets.UTF_8), body);
  }

  /** Header values are validated free of CR, LF and NUL by the config validator. */
  private static void appendField(StringBuilder head, HeaderValue header) {
    head.append(header.name()).append(": ").append(header.value()).append("\r\n");
  }

  public int status() {
    return status;
  }

  /** The status line and fields, without the connection field and the blank line. */
  public byte[] head() {
    return head;
  }

  public byte[] body() {
    return body;
  }
}
