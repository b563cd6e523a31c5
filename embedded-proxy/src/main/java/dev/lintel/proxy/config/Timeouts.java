package dev.lintel.proxy.config;

/**
 * How long a route's requests may take (Gateway API {@code HTTPRouteRule.timeouts}). Expiry before
 * the response starts is answered 504 and the upstream connection is closed.
 *
 * @param requestMillis from the request head's arrival until the response starts, or null for no
 *     limit of the route's own
 * @param backendRequestMillis from the request being sent upstream until the response starts, or
 *     null for the proxy's default upstream response timeout
 */
public record Timeouts(Integer requestMillis, Integer backendRequestMillis) {
  /** No limits of the route's own. */
  public static final Timeouts NONE = new Timeouts(null, null);
}
