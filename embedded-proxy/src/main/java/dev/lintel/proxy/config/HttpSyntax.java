package dev.lintel.proxy.config;

import java.util.regex.Pattern;

/**
 * The HTTP syntax rules config values must follow, shared with the operator so that a route is
 * refused in its status for exactly what the proxy would refuse in its config.
 */
public final class HttpSyntax {
  /** An HTTP token (RFC 9110 section 5.6.2): methods and header names. */
  private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");

  /**
   * An origin a CORS filter allows: {@code http} or {@code https}, a host of DNS labels (or {@code
   * *}, or {@code *.} and labels), an optional port. Nothing else: the proxy compares request
   * origins against these and never writes them, but an origin that could hold a line break or a
   * path has no meaning here.
   */
  private static final Pattern CORS_ORIGIN =
      Pattern.compile(
          "^https?://(\\*|(\\*\\.)?[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*)(:[0-9]{1,5})?$");

  private HttpSyntax() {}

  /**
   * Whether {@code value} is an entry of a CORS filter's allowed origins other than the lone {@code
   * *}: see {@link Cors#allowOrigins}. Ports must be in 1..65535.
   */
  public static boolean isCorsOrigin(String value) {
    if (value == null || !CORS_ORIGIN.matcher(value).matches()) {
      return false;
    }
    int colon = value.lastIndexOf(':');
    if (colon <= value.indexOf("://")) {
      return true;
    }
    int port = Integer.parseInt(value.substring(colon + 1));
    return port >= 1 && port <= 65535;
  }

  public static boolean isToken(String value) {
    return value != null && TOKEN.matcher(value).matches();
  }

  /**
   * RFC 9110 field-value characters: visible ASCII, space, tab and obs-text. No CR, LF or NUL: a
   * value that could end a header line must never reach a head the proxy writes.
   */
  public static boolean isFieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }

  /**
   * A URI as a certificate's subject alternative name may hold it: a scheme before a colon, then
   * visible ASCII without spaces (no CR, LF or anything that could break a log line or a header).
   */
  public static boolean isUri(String value) {
    if (value == null || value.indexOf(':') < 1) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
