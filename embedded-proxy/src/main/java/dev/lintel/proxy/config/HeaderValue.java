package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * A header line a filter writes.
 *
 * @param name the header name, written as given
 * @param value the value, written as given (the validator refuses CR, LF and NUL)
 */
public record HeaderValue(String name, String value) {
  public HeaderValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
