package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * A name a backend's certificate may carry as subject alternative name.
 *
 * @param type which kind of name
 * @param value a DNS name (a leading {@code *.} label matches one label) or an exact URI
 */
public record SubjectAltName(SubjectAltNameType type, String value) {
  public SubjectAltName {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }
}
