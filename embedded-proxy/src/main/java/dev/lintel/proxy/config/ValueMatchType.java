package dev.lintel.proxy.config;

/** How a {@link ValueMatch} compares a header or query parameter value. */
public enum ValueMatchType {
  /** The value equals the match value (case-sensitive). */
  Exact,
  /** The whole value matches the match value, an RE2 regular expression (linear time). */
  RegularExpression
}
