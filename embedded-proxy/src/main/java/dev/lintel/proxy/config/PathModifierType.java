package dev.lintel.proxy.config;

/** How a {@link PathModifier} changes the request path. */
public enum PathModifierType {
  /** The whole path becomes the value. */
  ReplaceFullPath,
  /**
   * The part of the path the route's {@code PathPrefix} match matched becomes the value (segment by
   * segment; only for routes with a prefix match).
   */
  ReplacePrefixMatch
}
