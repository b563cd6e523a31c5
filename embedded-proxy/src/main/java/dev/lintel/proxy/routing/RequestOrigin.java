package dev.lintel.proxy.routing;

import java.util.Locale;

/**
 * A request's {@code Origin} (RFC 6454 serialization: {@code scheme://host[:port]}), scheme and
 * host in lower case, the port filled in from the scheme when left out (80 for http, 443 for https,
 * as the Gateway API's origin matching assumes; -1 for other schemes).
 */
record RequestOrigin(String scheme, String host, int port) {
  /** The origin, or null when the value is not a serialized origin (also {@code null} itself). */
  static RequestOrigin parse(String value) {
    int separator = value.indexOf("://");
    if (separator < 1 || !isScheme(value, separator)) {
      return null;
    }
    String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
    int hostStart = separator + 3;
    int hostEnd = hostEnd(value, hostStart);
    if (hostEnd <= hostStart) {
      return null;
    }
    int port = defaultPort(scheme);
    if (hostEnd < value.length()) {
      if (value.charAt(hostEnd) != ':') {
        return null;
      }
      port = port(value, hostEnd + 1);
      if (port < 0) {
        return null;
      }
    }
    return new RequestOrigin(
        scheme, value.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT), port);
  }

  static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  private static boolean isScheme(String value, int end) {
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
        return false;
      }
    }
    return true;
  }

  /** Where a host of DNS characters (or a bracketed IPv6 literal) starting at {@code from} ends. */
  private static int hostEnd(String value, int from) {
    if (from < value.length() && value.charAt(from) == '[') {
      int close = value.indexOf(']', from);
      for (int i = from + 1; i < close; i++) {
        char c = value.charAt(i);
        if (!(isHexDigit(c) || c == ':' || c == '.')) {
          return -1;
        }
      }
      return close < 0 ? -1 : close + 1;
    }
    int i = from;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (!(isHexDigit(c)
          || (c >= 'g' && c <= 'z')
          || (c >= 'G' && c <= 'Z')
          || c == '-'
          || c == '.')) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The port from {@code from} to the end, or -1 when it is not 1..65535 in at most 5 digits. */
  private static int port(String value, int from) {
    int length = value.length() - from;
    if (length < 1 || length > 5) {
      return -1;
    }
    int port = 0;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      port = port * 10 + (c - '0');
    }
    return port >= 1 && port <= 65535 ? port : -1;
  }
}
