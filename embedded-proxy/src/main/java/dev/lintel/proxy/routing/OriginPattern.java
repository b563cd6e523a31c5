package dev.lintel.proxy.routing;

import java.util.Locale;

/**
 * One entry of a CORS filter's allowed origins (validated by the config parser), other than the
 * lone {@code *}. A host {@code *} matches any host; a host {@code *.example.com} matches hosts
 * ending in {@code .example.com} with at least one label in place of the star (the Gateway API's
 * wildcard is greedy to the left: {@code a.b.example.com} matches too). Scheme and port must be
 * equal, the port being filled in from the scheme where it is left out.
 *
 * @param scheme lower case
 * @param host the exact host (lower case), or null for any host
 * @param suffix for a {@code *.} host: what the host must end with, dot included; else null
 * @param port the port, explicit or the scheme's
 */
record OriginPattern(String scheme, String host, String suffix, int port) {
  static OriginPattern parse(String origin) {
    String lower = origin.toLowerCase(Locale.ROOT);
    int separator = lower.indexOf("://");
    String scheme = lower.substring(0, separator);
    String authority = lower.substring(separator + 3);
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    int port =
        colon < 0
            ? RequestOrigin.defaultPort(scheme)
            : Integer.parseInt(authority.substring(colon + 1));
    if (host.equals("*")) {
      return new OriginPattern(scheme, null, null, port);
    }
    if (host.startsWith("*.")) {
      return new OriginPattern(scheme, null, host.substring(1), port);
    }
    return new OriginPattern(scheme, host, null, port);
  }

  boolean matches(RequestOrigin origin) {
    if (!scheme.equals(origin.scheme()) || port != origin.port()) {
      return false;
    }
    if (host != null) {
      return host.equals(origin.host());
    }
    return suffix == null
        || (origin.host().endsWith(suffix) && origin.host().length() > suffix.length());
  }
}
