package dev.lintel.proxy.config;

/**
 * Answer with a fixed response instead of proxying (the Gateway API's experimental {@code
 * DirectResponse} HTTPRoute filter: a status and an optional plain-text body).
 *
 * @param statusCode 200 to 599 (a 1xx status cannot end an exchange)
 * @param body the response body, or null for none; at most {@link #MAX_BODY_LENGTH} characters,
 *     sent as {@code text/plain; charset=utf-8}
 */
public record DirectResponse(int statusCode, String body) {
  /** The API's limit: a direct response is not a way to serve content. */
  public static final int MAX_BODY_LENGTH = 4096;
}
