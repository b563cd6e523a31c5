package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * A new path for a redirect or a rewrite; the query string is kept.
 *
 * @param type what is replaced
 * @param value the replacement, an absolute path
 */
public record PathModifier(PathModifierType type, String value) {
  public PathModifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }
}
