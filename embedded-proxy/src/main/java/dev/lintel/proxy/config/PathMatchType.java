package dev.lintel.proxy.config;

/** How a {@link PathMatch} compares the request path. */
public enum PathMatchType {
  /** The path equals the value. */
  Exact,
  /**
   * The path starts with the value, segment by segment: {@code /foo} matches {@code /foo} and
   * {@code /foo/bar} but not {@code /foobar}; a trailing slash in the value is ignored.
   */
  PathPrefix,
  /** The whole path matches the value, an RE2 regular expression (linear time). */
  RegularExpression
}
