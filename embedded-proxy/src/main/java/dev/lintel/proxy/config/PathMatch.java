package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * A path condition.
 *
 * @param type how {@code value} is compared
 * @param value an absolute path starting with {@code /}
 */
public record PathMatch(PathMatchType type, String value) {
  public PathMatch {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }
}
