package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * The conditions a request must meet; all of them must hold.
 *
 * @param path the path condition
 * @param method the request method it must have (case-sensitive, as HTTP methods are), or null for
 *     any
 * @param headers header conditions, all of which must hold (at most one per name)
 * @param queryParams query parameter conditions, all of which must hold (at most one per name)
 */
public record RouteMatch(
    PathMatch path, String method, List<ValueMatch> headers, List<ValueMatch> queryParams) {
  public RouteMatch {
    Objects.requireNonNull(path, "path");
    headers = headers == null ? List.of() : List.copyOf(headers);
    queryParams = queryParams == null ? List.of() : List.copyOf(queryParams);
  }

  /** A match on the path alone. */
  public static RouteMatch path(PathMatch path) {
    return new RouteMatch(path, null, List.of(), List.of());
  }
}
