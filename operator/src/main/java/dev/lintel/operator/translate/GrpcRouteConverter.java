package dev.lintel.operator.translate;

import com.google.re2j.Pattern;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a GRPCRoute into the HTTPRoute that routes the same requests, so that one translation
 * serves both: a gRPC call is an HTTP/2 {@code POST} to {@code /<service>/<method>}, its metadata
 * are request headers, and GRPCRoute filters are HTTPRoute filters of the same types.
 *
 * <p>A method match becomes a path match that the proxy ranks as the GRPCRoute precedence wants
 * (more service characters, then more method characters, first). The proxy ranks exact paths above
 * regular expressions above prefixes, and regular expressions in config order; so service and
 * method together are an exact path, every partial match is a regular expression (ordered by {@link
 * RoutePrecedence} from the {@link MethodRank}), and no method match is the prefix {@code /}:
 *
 * <ul>
 *   <li>{@code Exact} service and method: {@code Exact /service/method};
 *   <li>{@code Exact} service only: {@code /service/[^/]+}; method only: {@code /[^/]+/method};
 *   <li>{@code RegularExpression}: {@code /(?:service)/(?:method)}, an omitted part {@code [^/]+}.
 * </ul>
 *
 * Schema violations (what the CRD's CEL rules would refuse) are returned with the GRPCRoute's field
 * names; the rest of the validation is the HTTPRoute's, whose field names GRPCRoute shares.
 */
final class GrpcRouteConverter {
  /** The CRD's rule for an {@code Exact} service (case-insensitive, dot-separated). */
  private static final Pattern SERVICE =
      Pattern.compile("(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*");

  /** The CRD's rule for an {@code Exact} method. */
  private static final Pattern METHOD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

  private static final Set<String> FILTER_TYPES =
      Set.of("RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "ExtensionRef");

  /** A path segment: what an omitted service or method matches. */
  private static final String ANY_SEGMENT = "[^/]+";

  private GrpcRouteConverter() {}

  static RouteSource convert(GRPCRoute route) {
    List<String> invalid = new ArrayList<>();
    List<List<MethodRank>> ranks = new ArrayList<>();
    List<HTTPRouteRule> rules = new ArrayList<>();
    List<GRPCRouteRule> grpcRules = route.getSpec().getRules();
    for (int r = 0; r < grpcRules.size(); r++) {
      GRPCRouteRule rule = grpcRules.get(r);
      String at = "spec.rules[" + r + "]";
      List<HTTPRouteMatch> matches = new ArrayList<>();
      List<MethodRank> ruleRanks = new ArrayList<>();
      for (int m = 0; m < rule.getMatches().size(); m++) {
        GRPCRouteMatch match = rule.getMatches().get(m);
        PathAndRank method = method(match.getMethod(), at + ".matches[" + m + "].method", invalid);
        matches.add(
            new HTTPRouteMatchBuilder()
                .withNewPath()
                .withType(method.type())
                .withValue(method.path())
                .endPath()
                .withHeaders(headers(match.getHeaders()))
                .build());
        ruleRanks.add(method.rank());
      }
      if (matches.isEmpty()) {
        ruleRanks.add(MethodRank.ANY); // the implicit match of a rule without matches
      }
      ranks.add(List.copyOf(ruleRanks));
      rules.add(
          new HTTPRouteRuleBuilder()
              .withName(rule.getName())
              .withMatches(matches)
              .withFilters(filters(rule.getFilters(), at + ".filters", invalid))
              .withBackendRefs(backendRefs(rule.getBackendRefs(), at, invalid))
              .withSessionPersistence(rule.getSessionPersistence())
              .build());
    }
    HTTPRoute http =
        new HTTPRouteBuilder()
            .withMetadata(route.getMetadata())
            .withNewSpec()
            .withParentRefs(route.getSpec().getParentRefs())
            .withHostnames(route.getSpec().getHostnames())
            .withRules(rules)
            .endSpec()
            .build();
    return new RouteSource(http, RouteKind.GRPC_ROUTE, invalid, ranks);
  }

  /** The path match of a method match, and its precedence. */
  private record PathAndRank(String type, String path, MethodRank rank) {}

  private static PathAndRank method(GRPCMethodMatch match, String at, List<String> invalid) {
    String service = match == null ? null : emptyToNull(match.getService());
    String method = match == null ? null : emptyToNull(match.getMethod());
    if (service == null && method == null) {
      if (match != null && match.getType() != null) {
        invalid.add(at + ": one or both of 'service' or 'method' must be specified");
      }
      return new PathAndRank("PathPrefix", "/", MethodRank.ANY);
    }
    String type = match.getType() == null ? "Exact" : match.getType();
    MethodRank rank =
        new MethodRank(
            service == null ? 0 : service.length(), method == null ? 0 : method.length());
    if (type.equals("Exact")) {
      if (service != null && !SERVICE.matches(service)) {
        invalid.add(at + ".service: '" + service + "' is not a valid gRPC service name");
      }
      if (method != null && !METHOD.matches(method)) {
        invalid.add(at + ".method: '" + method + "' is not a valid gRPC method name");
      }
      if (service != null && method != null) {
        return new PathAndRank("Exact", "/" + service + "/" + method, rank);
      }
      String servicePart = service == null ? ANY_SEGMENT : Pattern.quote(service);
      String methodPart = method == null ? ANY_SEGMENT : Pattern.quote(method);
      return new PathAndRank("RegularExpression", "/" + servicePart + "/" + methodPart, rank);
    }
    if (type.equals("RegularExpression")) {
      checkRegex(service, at + ".service", invalid);
      checkRegex(method, at + ".method", invalid);
      return new PathAndRank("RegularExpression", "/" + group(service) + "/" + group(method), rank);
    }
    invalid.add(at + ".type: '" + type + "' is not one of Exact, RegularExpression");
    return new PathAndRank("PathPrefix", "/", MethodRank.ANY);
  }

  /** A service or method pattern as one path segment's group; an omitted one matches any. */
  private static String group(String regex) {
    return regex == null ? ANY_SEGMENT : "(?:" + regex + ")";
  }

  private static void checkRegex(String regex, String at, List<String> invalid) {
    if (regex != null) {
      RouteValidator.regexProblem(regex).ifPresent(problem -> invalid.add(at + ": " + problem));
    }
  }

  private static List<HTTPHeaderMatch> headers(List<GRPCHeaderMatch> headers) {
    List<HTTPHeaderMatch> converted = new ArrayList<>(headers.size());
    for (GRPCHeaderMatch header : headers) {
      converted.add(
          new HTTPHeaderMatchBuilder()
              .withType(header.getType())
              .withName(header.getName())
              .withValue(header.getValue())
              .build());
    }
    return converted;
  }

  /** The filters of the types GRPCRoute defines; any other type is a schema violation. */
  private static List<HTTPRouteFilter> filters(
      List<GRPCRouteFilter> filters, String at, List<String> invalid) {
    List<HTTPRouteFilter> converted = new ArrayList<>(filters.size());
    for (int f = 0; f < filters.size(); f++) {
      GRPCRouteFilter filter = filters.get(f);
      if (!FILTER_TYPES.contains(String.valueOf(filter.getType()))) {
        invalid.add(
            at
                + "["
                + f
                + "].type: '"
                + filter.getType()
                + "' is not one of "
                + new TreeSet<>(FILTER_TYPES));
        continue;
      }
      converted.add(
          new HTTPRouteFilterBuilder()
              .withType(filter.getType())
              .withRequestHeaderModifier(filter.getRequestHeaderModifier())
              .withResponseHeaderModifier(filter.getResponseHeaderModifier())
              .withRequestMirror(filter.getRequestMirror())
              .withExtensionRef(filter.getExtensionRef())
              .build());
    }
    return converted;
  }

  private static List<HTTPBackendRef> backendRefs(
      List<GRPCBackendRef> refs, String at, List<String> invalid) {
    List<HTTPBackendRef> converted = new ArrayList<>(refs.size());
    for (int b = 0; b < refs.size(); b++) {
      GRPCBackendRef ref = refs.get(b);
      converted.add(
          new HTTPBackendRefBuilder()
              .withGroup(ref.getGroup())
              .withKind(ref.getKind())
              .withNamespace(ref.getNamespace())
              .withName(ref.getName())
              .withPort(ref.getPort())
              .withWeight(ref.getWeight())
              .withFilters(
                  filters(ref.getFilters(), at + ".backendRefs[" + b + "].filters", invalid))
              .build());
    }
    return converted;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
