package dev.lintel.proxy.config;

import java.util.regex.Pattern;

/**
 * The HTTP syntax rules config values must follow, shared with the operator so that a route is
 * refused in its status for exactly what the proxy would refuse in its config.
 */
public final class HttpSyntax {
  /** An HTTP token (RFC 9110 section 5.6.2): methods and header names. */
  private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");

  private HttpSyntax() {}

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
}
