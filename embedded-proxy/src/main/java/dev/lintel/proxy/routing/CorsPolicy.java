package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.Cors;
import dev.lintel.proxy.config.HttpSyntax;
import dev.lintel.proxy.h1.HeaderEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A route's CORS filter, ready to serve: decides whether a request's {@code Origin} is allowed and
 * writes the {@code Access-Control-*} fields of preflight answers and of proxied responses.
 *
 * <p>The allowed origin is always echoed rather than answered with {@code *}: it is what the
 * credentials case requires anyway, and one rule for all cases means {@code Vary: Origin} is always
 * right. Values echoed from the request (origin, requested method and headers) are echoed only when
 * they have the shape their header prescribes, so no request can make the proxy write anything but
 * tokens and origins into a response head.
 */
public final class CorsPolicy {
  static final String ALLOW_ORIGIN = "access-control-allow-origin";
  static final String ALLOW_CREDENTIALS = "access-control-allow-credentials";
  static final String EXPOSE_HEADERS = "access-control-expose-headers";

  /** A list of header names as browsers send it in {@code Access-Control-Request-Headers}. */
  private static final Pattern HEADER_LIST =
      Pattern.compile(
          "^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+([ \\t]*,[ \\t]*[!#$%&'*+\\-.^_`|~0-9A-Za-z]+)*$");

  private final boolean anyOrigin;
  private final List<OriginPattern> origins;
  private final boolean credentials;
  private final boolean anyMethod;
  private final String methods;
  private final boolean anyHeader;
  private final String headers;
  private final String exposed;
  private final String maxAge;

  /** For responses to requests without an allowed origin: the route's policy is the only one. */
  private final HeaderEdits notAllowed;

  private CorsPolicy(Cors cors) {
    this.anyOrigin = cors.allowOrigins().contains(Cors.ANY);
    List<OriginPattern> patterns = new ArrayList<>();
    if (!anyOrigin) {
      for (String origin : cors.allowOrigins()) {
        patterns.add(OriginPattern.parse(origin));
      }
    }
    this.origins = List.copyOf(patterns);
    this.credentials = cors.allowCredentials();
    this.anyMethod = cors.allowMethods().contains(Cors.ANY);
    this.methods = joined(cors.allowMethods());
    this.anyHeader = cors.allowHeaders().contains(Cors.ANY);
    this.headers = joined(cors.allowHeaders());
    // With credentials a browser reads "*" as a header named "*", and the API forbids the wildcard
    // there: leave it out.
    this.exposed =
        joined(
            credentials
                ? cors.exposeHeaders().stream().filter(h -> !h.equals(Cors.ANY)).toList()
                : cors.exposeHeaders());
    this.maxAge = Integer.toString(cors.maxAgeSeconds());
    this.notAllowed = stripped().add("vary", "origin").build();
  }

  /** The compiled policy of a route's CORS filter, or null when it has none. */
  static CorsPolicy of(Cors cors) {
    return cors == null ? null : new CorsPolicy(cors);
  }

  /**
   * Whether the request is a CORS preflight: {@code OPTIONS} with an {@code Origin} and an {@code
   * Access-Control-Request-Method}. Any other {@code OPTIONS} request is proxied.
   */
  public static boolean isPreflight(RequestAttributes request) {
    return request.method().equals("OPTIONS")
        && request.header("origin") != null
        && request.header("access-control-request-method") != null;
  }

  /** The request's {@code Origin} when this policy allows it, else null (also when it has none). */
  public String allowedOrigin(RequestAttributes request) {
    String origin = request.header("origin");
    if (origin == null) {
      return null;
    }
    RequestOrigin parsed = RequestOrigin.parse(origin);
    if (parsed == null) {
      // "null" (opaque origins: sandboxes, files) is allowed only by the wildcard.
      return anyOrigin && origin.equals("null") ? origin : null;
    }
    if (anyOrigin) {
      return origin;
    }
    for (OriginPattern pattern : origins) {
      if (pattern.matches(parsed)) {
        return origin;
      }
    }
    return null;
  }

  /**
   * The header lines (each ending in CRLF) of the answer to a preflight from {@code origin}, an
   * origin {@link #allowedOrigin} returned for this request.
   */
  public String preflightFields(String origin, RequestAttributes request) {
    StringBuilder fields = new StringBuilder(256);
    field(fields, ALLOW_ORIGIN, origin);
    if (credentials) {
      field(fields, ALLOW_CREDENTIALS, "true");
    }
    // A wildcard is answered with what was asked: with credentials the API requires it, and
    // without them it is equally right.
    String requestedMethod = request.header("access-control-request-method");
    String allowMethods =
        anyMethod ? (HttpSyntax.isToken(requestedMethod) ? requestedMethod : null) : methods;
    field(fields, "access-control-allow-methods", allowMethods);
    String requestedHeaders = request.header("access-control-request-headers");
    String allowHeaders =
        anyHeader
            ? (requestedHeaders != null && HEADER_LIST.matcher(requestedHeaders).matches()
                ? requestedHeaders
                : null)
            : headers;
    field(fields, "access-control-allow-headers", allowHeaders);
    field(fields, EXPOSE_HEADERS, exposed);
    field(fields, "access-control-max-age", maxAge);
    field(fields, "vary", "origin");
    return fields.toString();
  }

  /**
   * The changes to a proxied response: the CORS fields for an allowed {@code origin}, or, for null,
   * none of them (the upstream's own are dropped either way).
   */
  public HeaderEdits responseEdits(String origin) {
    if (origin == null) {
      return notAllowed;
    }
    HeaderEdits.Builder edits = stripped().add(ALLOW_ORIGIN, origin);
    if (credentials) {
      edits.add(ALLOW_CREDENTIALS, "true");
    }
    if (exposed != null) {
      edits.add(EXPOSE_HEADERS, exposed);
    }
    return edits.add("vary", "origin").build();
  }

  private static HeaderEdits.Builder stripped() {
    return new HeaderEdits.Builder()
        .remove(ALLOW_ORIGIN)
        .remove(ALLOW_CREDENTIALS)
        .remove(EXPOSE_HEADERS);
  }

  private static void field(StringBuilder fields, String name, String value) {
    if (value != null) {
      fields.append(name).append(": ").append(value).append("\r\n");
    }
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
