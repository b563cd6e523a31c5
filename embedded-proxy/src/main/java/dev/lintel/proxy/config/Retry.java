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
 * @param attempts how many more times a request may be sent (1..{@link #MAX_ATTEMPTS})
 * @param backoffMillis the wait before each retry, or null for none
 */
public record Retry(List<Integer> codes, int attempts, Integer backoffMillis) {
  /** The most retries of one request (the operator caps larger values to this). */
  public static final int MAX_ATTEMPTS = 100;

  public Retry {
    codes = codes == null ? List.of() : List.copyOf(codes);
  }
}
