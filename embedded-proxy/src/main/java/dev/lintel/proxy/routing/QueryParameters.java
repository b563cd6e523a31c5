package dev.lintel.proxy.routing;

/**
 * Reads query parameters from a request target for query conditions. Names and values are compared
 * as sent (not percent-decoded), and a parameter given more than once counts with its first value:
 * the Gateway API leaves both open, and matching the bytes the client sent cannot be fooled by an
 * encoding the upstream decodes differently.
 */
final class QueryParameters {
  private QueryParameters() {}

  /** The first value of parameter {@code name} in {@code target}'s query, or null. */
  static String first(String target, String name) {
    if (target == null) {
      return null;
    }
    int query = target.indexOf('?');
    if (query < 0) {
      return null;
    }
    int end = target.indexOf('#', query);
    if (end < 0) {
      end = target.length();
    }
    int pos = query + 1;
    while (pos <= end) {
      int amp = target.indexOf('&', pos);
      int pairEnd = amp < 0 || amp > end ? end : amp;
      int eq = target.indexOf('=', pos);
      int nameEnd = eq < 0 || eq > pairEnd ? pairEnd : eq;
      if (nameEnd - pos == name.length() && target.startsWith(name, pos)) {
        return nameEnd == pairEnd ? "" : target.substring(nameEnd + 1, pairEnd);
      }
      pos = pairEnd + 1;
    }
    return null;
  }
}
