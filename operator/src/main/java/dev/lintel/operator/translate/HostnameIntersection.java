package dev.lintel.operator.translate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gateway API hostname rules: validation of listener and route hostnames, and the intersection of a
 * listener hostname with a route hostname. A wildcard {@code *.example.com} matches one or more
 * labels in front of {@code example.com} (so {@code foo.bar.example.com}, never {@code
 * example.com}).
 */
public final class HostnameIntersection {
  /** Matches any host: the effective hostname when neither listener nor route names one. */
  public static final String ANY = "*";

  /** The Gateway API's Hostname pattern (lower case, optional leading wildcard label). */
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private static final Pattern IPV4 = Pattern.compile("^[0-9]+(\\.[0-9]+){3}$");

  private HostnameIntersection() {}

  /** Why {@code hostname} is not a valid listener or route hostname, or empty when it is valid. */
  public static Optional<String> problem(String hostname) {
    if (hostname.length() > 253) {
      return Optional.of("'" + hostname + "' is longer than 253 characters");
    }
    if (IPV4.matcher(hostname).matches() || hostname.contains(":")) {
      return Optional.of("'" + hostname + "' is an IP address; a hostname is required");
    }
    if (!HOSTNAME.matcher(hostname).matches()) {
      return Optional.of(
          "'"
              + hostname
              + "' is not a valid hostname (lower-case DNS name, optionally '*.' first)");
    }
    return Optional.empty();
  }

  /**
   * The hostnames a request must carry to match both a listener and a route, or empty when none
   * can.
   *
   * @param listener the listener hostname, null when the listener accepts any host
   * @param route one route hostname, null when the route has none (it inherits the listener's)
   */
  public static Optional<String> intersect(String listener, String route) {
    if (listener == null && route == null) {
      return Optional.of(ANY);
    }
    if (listener == null) {
      return Optional.of(route);
    }
    if (route == null || listener.equals(route)) {
      return Optional.of(listener);
    }
    if (strictlyCovers(listener, route)) {
      return Optional.of(route);
    }
    if (strictlyCovers(route, listener)) {
      return Optional.of(listener);
    }
    return Optional.empty();
  }

  /**
   * Whether every request host matched by {@code name} is also matched by {@code pattern}: equal,
   * covered by a wildcard, or {@code pattern} is null or {@link #ANY}.
   */
  public static boolean covers(String pattern, String name) {
    return pattern == null
        || pattern.equals(ANY)
        || pattern.equals(name)
        || strictlyCovers(pattern, name);
  }

  /**
   * Orders hostnames from most to least specific, as the Gateway API ranks matching hostnames:
   * exact names first, then wildcards by length, then {@link #ANY}; ties alphabetically.
   */
  public static int bySpecificity(String a, String b) {
    int bySpecificity = bySpecificityAlone(a, b);
    return bySpecificity != 0 ? bySpecificity : a.compareTo(b);
  }

  /** {@link #bySpecificity} without the alphabetical tie-break: equally specific names tie. */
  public static int bySpecificityAlone(String a, String b) {
    int byRank = Integer.compare(rank(a), rank(b));
    return byRank != 0 ? byRank : Integer.compare(b.length(), a.length());
  }

  private static int rank(String hostname) {
    return hostname.equals(ANY) ? 2 : hostname.startsWith("*.") ? 1 : 0;
  }

  /**
   * Whether wildcard {@code pattern} matches every name {@code name} can match, and is not equal.
   */
  private static boolean strictlyCovers(String pattern, String name) {
    if (!pattern.startsWith("*.")) {
      return false;
    }
    String suffix = pattern.substring(1); // ".example.com"
    String rest = name.startsWith("*.") ? name.substring(1) : name;
    // "*.example.com" covers "*.bar.example.com" (suffix ".bar.example.com") but not
    // "*.example.com".
    return name.startsWith("*.")
        ? rest.endsWith(suffix) && rest.length() > suffix.length()
        : name.endsWith(suffix) && name.length() > suffix.length();
  }
}
