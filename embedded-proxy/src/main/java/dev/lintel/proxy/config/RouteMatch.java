package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * The conditions a request must meet; all present conditions must hold.
 *
 * @param path the path condition
 */
public record RouteMatch(PathMatch path) {
  public RouteMatch {
    Objects.requireNonNull(path, "path");
  }
}
