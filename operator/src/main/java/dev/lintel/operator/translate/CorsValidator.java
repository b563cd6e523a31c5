package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Cors;
import dev.lintel.proxy.config.HttpSyntax;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema of an HTTPRoute {@code CORS} filter, as the API server's CRD validation would apply it
 * (standalone mode has none). Every value ends up compared with or written into a response head, so
 * anything that is not an origin, a method or a header name (a line break above all) makes the
 * route invalid rather than reaching the proxy.
 */
final class CorsValidator {
  /** The CRD's {@code maxItems} of the origin and header lists. */
  private static final int MAX_ITEMS = 64;

  private CorsValidator() {}

  static void check(HTTPCORSFilter cors, String at, List<String> invalid) {
    if (cors == null) {
      invalid.add(at + ": required by the filter type");
      return;
    }
    List<String> origins = orEmpty(cors.getAllowOrigins());
    checkList(origins, at + ".allowOrigins", MAX_ITEMS, invalid);
    for (int i = 0; i < origins.size(); i++) {
      String origin = origins.get(i);
      if (origin == null) {
        continue;
      }
      if (origin.equals(Cors.ANY)) {
        if (origins.size() > 1) {
          invalid.add(at + ".allowOrigins: '*' cannot be listed with other origins");
        }
      } else if (!HttpSyntax.isCorsOrigin(origin)) {
        invalid.add(
            at
                + ".allowOrigins["
                + i
                + "]: '"
                + origin
                + "' is not an origin like https://example.com, https://*.example.com:8443 or *");
      }
    }
    List<String> methods = orEmpty(cors.getAllowMethods());
    checkList(methods, at + ".allowMethods", RouteValidator.METHODS.size(), invalid);
    for (int i = 0; i < methods.size(); i++) {
      String method = methods.get(i);
      if (method == null) {
        continue;
      }
      if (method.equals(Cors.ANY)) {
        if (methods.size() > 1) {
          invalid.add(at + ".allowMethods: '*' cannot be listed with other methods");
        }
      } else if (!RouteValidator.METHODS.contains(method)) {
        invalid.add(
            at
                + ".allowMethods["
                + i
                + "]: '"
                + method
                + "' is not one of "
                + RouteValidator.METHODS
                + " or *");
      }
    }
    checkHeaderNames(orEmpty(cors.getAllowHeaders()), at + ".allowHeaders", invalid);
    checkHeaderNames(orEmpty(cors.getExposeHeaders()), at + ".exposeHeaders", invalid);
    if (cors.getMaxAge() != null && cors.getMaxAge() < 1) {
      invalid.add(at + ".maxAge: " + cors.getMaxAge() + " is less than 1");
    }
  }

  private static void checkHeaderNames(List<String> names, String at, List<String> invalid) {
    checkList(names, at, MAX_ITEMS, invalid);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name != null && !HttpSyntax.isToken(name)) {
        invalid.add(at + "[" + i + "]: '" + name + "' is not a valid header name");
      }
    }
  }

  /** A list of the CRD ({@code listType=set}): bounded, no nulls, no repeated entries. */
  private static void checkList(
      List<String> values, String at, int maxItems, List<String> invalid) {
    if (values.size() > maxItems) {
      invalid.add(at + ": " + values.size() + " entries, at most " + maxItems + " allowed");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null) {
        invalid.add(at + "[" + i + "]: must not be null");
      } else if (!seen.add(value)) {
        invalid.add(at + "[" + i + "]: '" + value + "' appears twice");
      }
    }
  }

  /** An explicit {@code null} in a manifest reads as a missing list. */
  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
