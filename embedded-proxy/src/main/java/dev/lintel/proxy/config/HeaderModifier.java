package dev.lintel.proxy.config;

import java.util.List;
import java.util.Set;

/**
 * Changes to the headers of a request or a response (Gateway API {@code RequestHeaderModifier} and
 * {@code ResponseHeaderModifier}), applied in this order: {@code remove}, then {@code set} (which
 * replaces every line of that name), then {@code add} (one more line).
 *
 * @param set headers whose lines are replaced by one line with this value
 * @param add header lines appended
 * @param remove names (lower case) whose lines are dropped
 */
public record HeaderModifier(List<HeaderValue> set, List<HeaderValue> add, List<String> remove) {
  /**
   * Header names (lower case) no filter may change: framing, connection and host fields are the
   * proxy's to write. A filter that could set {@code Content-Length} or {@code Transfer-Encoding}
   * would let a route author make the upstream read another message than the proxy sent (request
   * smuggling); the host is changed by a rewrite's {@code hostname}.
   */
  public static final Set<String> PROXY_OWNED =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "upgrade");

  public HeaderModifier {
    set = set == null ? List.of() : List.copyOf(set);
    add = add == null ? List.of() : List.copyOf(add);
    remove = remove == null ? List.of() : List.copyOf(remove);
  }
}
