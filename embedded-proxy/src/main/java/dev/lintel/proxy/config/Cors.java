package dev.lintel.proxy.config;

import java.util.List;

/**
 * Cross-origin resource sharing for a route (Gateway API {@code CORS} filter): the proxy answers
 * preflight requests itself and adds the {@code Access-Control-*} headers to the responses of
 * cross-origin requests whose {@code Origin} is allowed.
 *
 * @param allowOrigins {@code *} alone, or origins {@code scheme://host[:port]} whose host may be
 *     {@code *} or start with {@code *.} (any number of labels in its place); see {@link
 *     HttpSyntax#isCorsOrigin}
 * @param allowCredentials whether responses carry {@code Access-Control-Allow-Credentials: true}
 * @param allowMethods methods a preflight may ask for, or {@code *} alone for any
 * @param allowHeaders request header names a preflight may ask for ({@code *}: any)
 * @param exposeHeaders response header names scripts may read ({@code *}: any, without credentials)
 * @param maxAgeSeconds how long a browser may cache a preflight answer
 */
public record Cors(
    List<String> allowOrigins,
    boolean allowCredentials,
    List<String> allowMethods,
    List<String> allowHeaders,
    List<String> exposeHeaders,
    int maxAgeSeconds) {
  /** The wildcard of every list: any origin, method or header. */
  public static final String ANY = "*";

  public Cors {
    allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
    allowMethods = allowMethods == null ? List.of() : List.copyOf(allowMethods);
    allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
    exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
  }
}
