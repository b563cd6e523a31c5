package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * A condition on one request header or query parameter: the request must carry it, with a value
 * that fits.
 *
 * @param type how {@code value} is compared
 * @param name the header name (lower case: header names are case-insensitive) or the query
 *     parameter name (case-sensitive)
 * @param value the exact value, or an RE2 regular expression the whole value must match
 */
public record ValueMatch(ValueMatchType type, String name, String value) {
  public ValueMatch {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
