package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * Keeps a client's requests on one backend endpoint (Gateway API {@code sessionPersistence}): the
 * first response of a session carries a token naming the endpoint that answered, and later requests
 * carrying it go to that endpoint while it is still among the route's endpoints.
 *
 * @param type whether the token is a cookie or a header
 * @param name the cookie or header name (an HTTP token)
 * @param cookiePath the cookie's {@code Path} attribute; null for a header
 * @param maxAgeSeconds the cookie's {@code Max-Age}, or null for a session cookie (and for a
 *     header)
 */
public record SessionPersistence(
    SessionPersistenceType type, String name, String cookiePath, Integer maxAgeSeconds) {
  public SessionPersistence {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }
}
