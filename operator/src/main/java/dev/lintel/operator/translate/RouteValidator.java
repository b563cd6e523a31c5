package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an HTTPRoute before translation. Two kinds of finding, both naming the field:
 *
 * <ul>
 *   <li>invalid values the API server's schema would refuse (standalone has no CRD schema): the
 *       route is rejected as a whole and attaches nowhere;
 *   <li>valid values this version does not implement yet: only the affected match (or rule, for
 *       filters) is left out, the rest of the route is served.
 * </ul>
 */
final class RouteValidator {
  private static final Set<String> PATH_TYPES = Set.of("Exact", "PathPrefix", "RegularExpression");
  private static final List<String> FORBIDDEN_IN_PATH =
      List.of("//", "/./", "/../", "%2f", "%2F", "#");

  /**
   * @param invalid values an API server would refuse; non-empty means the route is rejected
   * @param unsupported valid fields this version does not serve (rule and backendRef filters;
   *     RegularExpression paths, header, query-param and method matches): reported as {@code
   *     Accepted=False}, reason {@code UnsupportedValue}; implementing them is issue 4
   * @param skippedRules rule indexes left out of the config
   * @param skippedMatches {@code "rule/match"} indexes left out of the config
   */
  record Findings(
      List<String> invalid,
      List<String> unsupported,
      Set<Integer> skippedRules,
      Set<String> skippedMatches) {
    boolean rejected() {
      return !invalid.isEmpty();
    }

    boolean skips(int rule, int match) {
      return skippedRules.contains(rule) || skippedMatches.contains(rule + "/" + match);
    }
  }

  Findings check(HTTPRoute route) {
    List<String> invalid = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    Set<Integer> skippedRules = new HashSet<>();
    Set<String> skippedMatches = new HashSet<>();
    List<String> hostnames = route.getSpec().getHostnames();
    for (int h = 0; h < hostnames.size(); h++) {
      int index = h;
      HostnameIntersection.problem(hostnames.get(h))
          .ifPresent(p -> invalid.add("spec.hostnames[" + index + "]: " + p));
    }
    List<HTTPRouteRule> rules = route.getSpec().getRules();
    for (int r = 0; r < rules.size(); r++) {
      HTTPRouteRule rule = rules.get(r);
      String at = "spec.rules[" + r + "]";
      if (!rule.getFilters().isEmpty()) {
        unsupported.add(at + ".filters: filters are not supported yet; the rule is not served");
        skippedRules.add(r);
      }
      for (int m = 0; m < rule.getMatches().size(); m++) {
        String matchAt = at + ".matches[" + m + "]";
        Optional<String> notYet = checkMatch(rule.getMatches().get(m), matchAt, invalid);
        if (notYet.isPresent()) {
          unsupported.add(notYet.get() + "; the match is not served");
          skippedMatches.add(r + "/" + m);
        }
      }
      for (int b = 0; b < rule.getBackendRefs().size(); b++) {
        String refAt = at + ".backendRefs[" + b + "]";
        HTTPBackendRef ref = rule.getBackendRefs().get(b);
        checkBackendRef(ref, refAt, invalid);
        if (!ref.getFilters().isEmpty()) {
          unsupported.add(
              refAt + ".filters: filters are not supported yet; the rule is not served");
          skippedRules.add(r);
        }
      }
    }
    return new Findings(
        List.copyOf(invalid),
        List.copyOf(unsupported),
        Set.copyOf(skippedRules),
        Set.copyOf(skippedMatches));
  }

  /** Adds schema violations to {@code invalid}; returns what this version cannot serve yet. */
  private static Optional<String> checkMatch(
      HTTPRouteMatch match, String at, List<String> invalid) {
    HTTPPathMatch path = match.getPath();
    String type = path == null || path.getType() == null ? "PathPrefix" : path.getType();
    String value = path == null || path.getValue() == null ? "/" : path.getValue();
    if (!PATH_TYPES.contains(type)) {
      invalid.add(
          at + ".path.type: '" + type + "' is not one of Exact, PathPrefix, RegularExpression");
      return Optional.empty();
    }
    if (!type.equals("RegularExpression")) {
      if (!value.startsWith("/")) {
        invalid.add(at + ".path.value: '" + value + "' must start with '/'");
      } else {
        for (String forbidden : FORBIDDEN_IN_PATH) {
          if (value.contains(forbidden)) {
            invalid.add(at + ".path.value: '" + value + "' must not contain '" + forbidden + "'");
            break;
          }
        }
        if (value.endsWith("/..") || value.endsWith("/.")) {
          invalid.add(at + ".path.value: '" + value + "' must not end with '/..' or '/.'");
        }
      }
    }
    if (type.equals("RegularExpression")) {
      return Optional.of(at + ".path.type: RegularExpression is not supported yet");
    }
    if (!match.getHeaders().isEmpty()) {
      return Optional.of(at + ".headers: header matches are not supported yet");
    }
    if (!match.getQueryParams().isEmpty()) {
      return Optional.of(at + ".queryParams: query parameter matches are not supported yet");
    }
    if (match.getMethod() != null) {
      return Optional.of(at + ".method: method matches are not supported yet");
    }
    return Optional.empty();
  }

  private static void checkBackendRef(HTTPBackendRef ref, String at, List<String> invalid) {
    if (ref.getName() == null || ref.getName().isEmpty()) {
      invalid.add(at + ".name: required");
    }
    String group = ref.getGroup() == null ? "" : ref.getGroup();
    String kind = ref.getKind() == null ? "Service" : ref.getKind();
    if (group.isEmpty() && kind.equals("Service") && ref.getPort() == null) {
      invalid.add(at + ".port: required when referring to a Service");
    }
    if (ref.getPort() != null && (ref.getPort() < 1 || ref.getPort() > 65535)) {
      invalid.add(at + ".port: " + ref.getPort() + " is not in 1..65535");
    }
    if (ref.getWeight() != null && (ref.getWeight() < 0 || ref.getWeight() > 1_000_000)) {
      invalid.add(at + ".weight: " + ref.getWeight() + " is not in 0..1000000");
    }
  }
}
