package dev.lintel.proxy.routing;

/**
 * Extracts the path that routes are matched against from a request target: the part before {@code
 * ?} or {@code #}, with the absolute form's scheme and authority removed, and percent-encoded
 * unreserved characters decoded ({@code %7E} is {@code ~}) because clients may encode them freely.
 * Other escapes, {@code ..} and duplicate slashes are left alone: they must not match a route they
 * do not spell. Never throws.
 */
public final class RequestPath {
  private RequestPath() {}

  public static String of(String uri) {
    if (uri == null || uri.isEmpty()) {
      return "";
    }
    int start = 0;
    if (uri.charAt(0) != '/') {
      int scheme = uri.indexOf("://");
      if (scheme < 0) {
        return uri; // asterisk form or garbage: matches no path condition
      }
      int slash = uri.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "/";
      }
      start = slash;
    }
    int end = uri.length();
    boolean escaped = false;
    for (int i = start; i < end; i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
      escaped |= c == '%';
    }
    String path = start == 0 && end == uri.length() ? uri : uri.substring(start, end);
    return escaped ? decodeUnreserved(path) : path;
  }

  private static String decodeUnreserved(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        int hi = Character.digit(path.charAt(i + 1), 16);
        int lo = Character.digit(path.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          char decoded = (char) (hi << 4 | lo);
          if (isUnreserved(decoded)) {
            out.append(decoded);
            i += 2;
            continue;
          }
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
