package dev.lintel.proxy.routing;

import com.google.re2j.Pattern;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import java.util.List;

/**
 * The conditions of a route match beyond its path (method, headers, query parameters), compiled
 * once per config: regular expressions are RE2 patterns (linear time in the input, so a request
 * cannot make matching slow), and a route without such conditions costs nothing per request.
 */
final class RouteConditions {
  static final RouteConditions NONE = new RouteConditions(null, new Field[0], new Field[0]);

  private final String method;
  private final Field[] headers;
  private final Field[] queryParams;

  private RouteConditions(String method, Field[] headers, Field[] queryParams) {
    this.method = method;
    this.headers = headers;
    this.queryParams = queryParams;
  }

  static RouteConditions of(RouteMatch match) {
    if (match.method() == null && match.headers().isEmpty() && match.queryParams().isEmpty()) {
      return NONE;
    }
    return new RouteConditions(
        match.method(), fields(match.headers()), fields(match.queryParams()));
  }

  private static Field[] fields(List<ValueMatch> matches) {
    Field[] fields = new Field[matches.size()];
    for (int i = 0; i < fields.length; i++) {
      ValueMatch m = matches.get(i);
      fields[i] =
          new Field(
              m.name(),
              m.type() == ValueMatchType.Exact ? m.value() : null,
              m.type() == ValueMatchType.RegularExpression ? Pattern.compile(m.value()) : null);
    }
    return fields;
  }

  boolean accepts(RequestAttributes request) {
    if (this == NONE) {
      return true;
    }
    if (method != null && !method.equals(request.method())) {
      return false;
    }
    for (Field header : headers) {
      if (!header.accepts(request.header(header.name))) {
        return false;
      }
    }
    if (queryParams.length > 0) {
      String target = request.target();
      for (Field param : queryParams) {
        if (!param.accepts(QueryParameters.first(target, param.name))) {
          return false;
        }
      }
    }
    return true;
  }

  /** One header or query parameter condition: an exact value or a pattern. */
  private record Field(String name, String exact, Pattern pattern) {
    boolean accepts(String value) {
      if (value == null) {
        return false;
      }
      return exact != null ? exact.equals(value) : pattern.matches(value);
    }
  }
}
