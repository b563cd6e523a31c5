package dev.lintel.proxy.config;

import java.util.List;

/**
 * When a route's request is sent again (Gateway API {@code HTTPRouteRule.retry}, experimental): on
 * a response with one of {@code codes}, or when the upstream connection fails before a response, up
 * to {@code attempts} more times, {@code backoffMillis} apart, each time to the backend's next
 * endpoint. A request whose body has already gone upstream is never sent again: bodies are
 * streamed, not kept.
 *
 * @param codes response statuses that are retried (each 400..599)
 * @param attempts how many more times a request may be sent (at least 1)
 * @param backoffMillis the wait before each retry, or null for none
 */
public record Retry(List<Integer> codes, int attempts, Integer backoffMillis) {
  public Retry {
    codes = codes == null ? List.of() : List.copyOf(codes);
  }
}
