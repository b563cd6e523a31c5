package dev.lintel.proxy.routing;

import java.util.Locale;

/**
 * Turns a Host header into the form the hostname map is keyed by: lower case, without port, without
 * trailing dot; IPv6 literals keep their brackets ({@code [::1]}). Allocates only when the header
 * actually needs changing, which is rare.
 */
public final class HostNormalizer {
  private HostNormalizer() {}

  /** Returns the normalized host, or the empty string for a missing or empty header. */
  public static String normalize(String host) {
    if (host == null || host.isEmpty()) {
      return "";
    }
    int end = host.length();
    if (host.charAt(0) == '[') {
      int close = host.indexOf(']');
      // An unterminated literal is kept whole: it matches nothing but the catch-all.
      end = close < 0 ? end : close + 1;
    } else {
      int colon = host.indexOf(':');
      // Exactly one colon means host:port; more would be an unbracketed IPv6 literal, kept as is.
      if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
        end = colon;
      }
    }
    if (end > 1 && host.charAt(end - 1) == '.') {
      end--;
    }
    String result = end == host.length() ? host : host.substring(0, end);
    return hasUpperCase(result) ? result.toLowerCase(Locale.ROOT) : result;
  }

  private static boolean hasUpperCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z' || c > 0x7f) {
        return true;
      }
    }
    return false;
  }
}
