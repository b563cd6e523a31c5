package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathModifier;
import dev.lintel.proxy.config.PathModifierType;

/**
 * Computes the new request-target of a redirect or a rewrite: the path replaced as the filter says,
 * the query string kept.
 *
 * <p>{@code ReplacePrefixMatch} replaces the segments the route's prefix matched: with prefix
 * {@code /foo} and replacement {@code /bar}, {@code /foo/baz} becomes {@code /bar/baz} and {@code
 * /foo} becomes {@code /bar}; with replacement {@code /}, {@code /foo/baz} becomes {@code /baz}.
 */
public final class PathRewriter {
  private PathRewriter() {}

  /**
   * @param target the request-target as received
   * @param modifier the new path
   * @param matched the route's path match (its prefix, for {@code ReplacePrefixMatch})
   */
  public static String target(String target, PathModifier modifier, PathMatch matched) {
    String path = RequestPath.of(target);
    return path(path, modifier, matched) + query(target);
  }

  /** The {@code ?query} part of a request-target, or "". */
  public static String query(String target) {
    int q = target.indexOf('?');
    if (q < 0) {
      return "";
    }
    int fragment = target.indexOf('#', q);
    return fragment < 0 ? target.substring(q) : target.substring(q, fragment);
  }

  static String path(String path, PathModifier modifier, PathMatch matched) {
    if (modifier.type() == PathModifierType.ReplaceFullPath) {
      return modifier.value();
    }
    String prefix = trimTrailingSlashes(matched.value());
    String rest = path.length() >= prefix.length() ? path.substring(prefix.length()) : "";
    String replacement = trimTrailingSlashes(modifier.value());
    String result = replacement + (rest.isEmpty() || rest.startsWith("/") ? rest : "/" + rest);
    return result.isEmpty() ? "/" : result;
  }

  private static String trimTrailingSlashes(String value) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == '/') {
      end--;
    }
    return value.substring(0, end);
  }
}
