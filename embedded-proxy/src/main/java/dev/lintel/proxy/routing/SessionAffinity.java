package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.SessionPersistence;
import dev.lintel.proxy.config.SessionPersistenceType;
import dev.lintel.proxy.h1.HeaderEdits;
import dev.lintel.proxy.upstream.UpstreamAddress;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A route's session persistence, compiled: the token of every endpoint of every backend the route
 * can pick, and the response header that hands each one out. Built once per config, so a request
 * costs one header lookup and one map lookup; routes without session persistence have none.
 */
public final class SessionAffinity {
  private final SessionPersistenceType type;
  private final String name;
  private final String lowerCaseName;
  private final Map<String, Sticky> byToken = new HashMap<>();

  /** Per backend (by identity: the picker hands out these very objects), per endpoint. */
  private final Map<CompiledBackend, Map<UpstreamAddress, HeaderEdits>> byEndpoint =
      new IdentityHashMap<>();

  /** Where a session goes, and how its token is handed to the client. */
  public record Sticky(CompiledBackend backend, UpstreamAddress endpoint, HeaderEdits issue) {}

  private SessionAffinity(SessionPersistence config, BackendPicker picker) {
    this.type = config.type();
    this.name = config.name();
    this.lowerCaseName = name.toLowerCase(Locale.ROOT);
    for (CompiledBackend backend : picker.candidates()) {
      if (backend.isRejected()) {
        continue;
      }
      for (UpstreamAddress endpoint : backend.endpoints()) {
        String token = SessionTokens.of(backend.name(), endpoint.toString());
        HeaderEdits issue = issue(config, token);
        byToken.putIfAbsent(token, new Sticky(backend, endpoint, issue));
        byEndpoint.computeIfAbsent(backend, b -> new HashMap<>()).putIfAbsent(endpoint, issue);
      }
    }
  }

  /** The compiled form of {@code config}, or null when the route has no session persistence. */
  static SessionAffinity of(SessionPersistence config, BackendPicker picker) {
    return config == null ? null : new SessionAffinity(config, picker);
  }

  /**
   * The endpoint a request's token names, or null when the request has no token, or one that names
   * no current endpoint (the request is then picked anew and given a new token).
   */
  public Sticky find(RequestAttributes request) {
    String value = request.header(type == SessionPersistenceType.Cookie ? "cookie" : lowerCaseName);
    if (value == null) {
      return null;
    }
    return type == SessionPersistenceType.Cookie
        ? byToken.get(cookie(value))
        : byToken.get(value.trim());
  }

  /** The header that hands out the token of {@code endpoint} of {@code backend}, or null. */
  public HeaderEdits issue(CompiledBackend backend, UpstreamAddress endpoint) {
    Map<UpstreamAddress, HeaderEdits> endpoints = byEndpoint.get(backend);
    return endpoints == null ? null : endpoints.get(endpoint);
  }

  /**
   * The value of the session cookie in a {@code Cookie} header, or null. Separators are {@code ;}
   * and, for cookie headers joined from several lines or HTTP/2 fields, {@code ,}.
   */
  private String cookie(String header) {
    int start = 0;
    int length = header.length();
    while (start < length) {
      int end = start;
      while (end < length && header.charAt(end) != ';' && header.charAt(end) != ',') {
        end++;
      }
      int eq = header.indexOf('=', start);
      if (eq > 0 && eq < end) {
        // Cookie names are case-sensitive (RFC 6265).
        if (header.substring(start, eq).trim().equals(name)) {
          return header.substring(eq + 1, end).trim();
        }
      }
      start = end + 1;
    }
    return null;
  }

  private static HeaderEdits issue(SessionPersistence config, String token) {
    if (config.type() == SessionPersistenceType.Header) {
      return new HeaderEdits.Builder().set(config.name(), token).build();
    }
    StringBuilder cookie =
        new StringBuilder(config.name())
            .append('=')
            .append(token)
            .append("; Path=")
            .append(config.cookiePath());
    if (config.maxAgeSeconds() != null) {
      cookie.append("; Max-Age=").append(config.maxAgeSeconds());
    }
    cookie.append("; HttpOnly");
    return new HeaderEdits.Builder().add("Set-Cookie", cookie.toString()).build();
  }
}
