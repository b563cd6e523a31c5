package dev.lintel.operator.translate;

import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.SessionPersistence;
import dev.lintel.proxy.config.SessionPersistenceType;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A rule's {@code sessionPersistence} (checked by {@link RouteValidator}) as the proxy applies it.
 * Each rule without a {@code sessionName} gets a name of its own, so that two rules' sessions never
 * overwrite each other's cookie. A cookie's path is the match's path (up to a {@code ;}, which
 * would end the attribute), or {@code /} for a regular expression, so the browser sends it only
 * where the route applies. {@code Max-Age} is the {@code absoluteTimeout} of a {@code Permanent}
 * cookie; a {@code Session} cookie has none, as the spec says.
 */
final class SessionPersistenceTranslator {
  /** The {@code type} the spec defaults to. */
  static final String COOKIE = "Cookie";

  static final String HEADER = "Header";
  static final String PERMANENT = "Permanent";
  static final String SESSION = "Session";

  /** The longest {@code sessionName} the CRD admits. */
  static final int MAX_NAME_LENGTH = 128;

  private SessionPersistenceTranslator() {}

  /** The session persistence of rule {@code rule} for a match on {@code path}, or null for none. */
  static SessionPersistence of(HTTPRoute route, int rule, PathMatch path) {
    io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistence spec =
        route.getSpec().getRules().get(rule).getSessionPersistence();
    if (spec == null) {
      return null;
    }
    String name = spec.getSessionName() != null ? spec.getSessionName() : defaultName(route, rule);
    if (HEADER.equals(spec.getType())) {
      return new SessionPersistence(SessionPersistenceType.Header, name, null, null);
    }
    return new SessionPersistence(
        SessionPersistenceType.Cookie, name, cookiePath(path), maxAgeSeconds(spec));
  }

  private static Integer maxAgeSeconds(
      io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistence spec) {
    boolean permanent =
        spec.getCookieConfig() != null
            && PERMANENT.equals(spec.getCookieConfig().getLifetimeType());
    Optional<Long> millis = Durations.millis(spec.getAbsoluteTimeout());
    if (!permanent || millis.isEmpty()) {
      return null;
    }
    long seconds = Math.max(1, (millis.get() + 999) / 1000);
    return (int) Math.min(Integer.MAX_VALUE, seconds);
  }

  private static String cookiePath(PathMatch path) {
    if (path.type() == PathMatchType.RegularExpression) {
      return "/";
    }
    String value = path.value();
    int semicolon = value.indexOf(';');
    String cut = semicolon < 0 ? value : value.substring(0, semicolon);
    return cut.isEmpty() ? "/" : cut;
  }

  /** {@code lintel-} and 12 hex digits of a hash of the rule's identity: stable across reloads. */
  private static String defaultName(HTTPRoute route, int rule) {
    String identity =
        route.getMetadata().getNamespace()
            + "/"
            + route.getMetadata().getName()
            + "/"
            + route.getKind()
            + "/"
            + rule;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "lintel-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
