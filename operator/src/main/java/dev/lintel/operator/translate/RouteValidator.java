package dev.lintel.operator.translate;

import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HttpSyntax;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an HTTPRoute before translation. Two kinds of finding, both naming the field:
 *
 * <ul>
 *   <li>invalid values the API server's schema would refuse (standalone has no CRD schema): the
 *       route is rejected as a whole and attaches nowhere;
 *   <li>valid values Lintel cannot serve: a match with a regular expression RE2 cannot compile is
 *       left out; a rule with a filter Lintel cannot apply is answered 500 (a filter must never be
 *       skipped); the rest of the route is served.
 * </ul>
 */
final class RouteValidator {
  private static final Set<String> PATH_TYPES = Set.of("Exact", "PathPrefix", "RegularExpression");
  private static final Set<String> VALUE_TYPES = Set.of("Exact", "RegularExpression");
  private static final Set<String> ONCE_PER_RULE =
      Set.of(
          "RequestHeaderModifier",
          "ResponseHeaderModifier",
          "RequestRedirect",
          "URLRewrite",
          "CORS",
          DirectResponseFilter.TYPE);
  private static final Set<String> SCHEMES = new TreeSet<>(List.of("http", "https"));
  private static final Set<Integer> REDIRECT_CODES =
      new TreeSet<>(List.of(301, 302, 303, 307, 308));

  /** {@code HTTPMethod} of the Gateway API, in its order. */
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private static final List<String> FORBIDDEN_IN_PATH =
      List.of("//", "/./", "/../", "%2f", "%2F", "#");

  /**
   * @param invalid values an API server would refuse; non-empty means the route is rejected
   * @param unsupported valid fields this version does not serve (rule and backendRef filters;
   *     regular expressions RE2 cannot compile): reported as {@code Accepted=False}, reason {@code
   *     UnsupportedValue}
   * @param failedRules rule indexes answered 500: a filter Lintel cannot apply must not be skipped
   *     (the API's rule for unresolvable filters), so the requests it would process fail instead
   * @param skippedMatches {@code "rule/match"} indexes left out of the config
   */
  record Findings(
      List<String> invalid,
      List<String> unsupported,
      Set<Integer> failedRules,
      Set<String> skippedMatches) {
    boolean rejected() {
      return !invalid.isEmpty();
    }

    boolean skips(int rule, int match) {
      return skippedMatches.contains(rule + "/" + match);
    }

    boolean fails(int rule) {
      return failedRules.contains(rule);
    }
  }

  Findings check(HTTPRoute route) {
    List<String> invalid = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    Set<Integer> failedRules = new HashSet<>();
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
      checkTimeouts(rule.getTimeouts(), at + ".timeouts", invalid);
      checkRetry(rule.getRetry(), at + ".retry", invalid);
      checkSessionPersistence(rule.getSessionPersistence(), at + ".sessionPersistence", invalid);
      if (!checkFilters(rule, at, invalid, unsupported)) {
        failedRules.add(r);
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
        if (!checkBackendFilters(ref.getFilters(), refAt + ".filters", invalid, unsupported)) {
          failedRules.add(r);
        }
      }
    }
    return new Findings(
        List.copyOf(invalid),
        List.copyOf(unsupported),
        Set.copyOf(failedRules),
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
      Optional<String> bad = regexProblem(value);
      if (bad.isPresent()) {
        return Optional.of(at + ".path.value: " + bad.get());
      }
    }
    if (match.getMethod() != null && !METHODS.contains(match.getMethod())) {
      invalid.add(at + ".method: '" + match.getMethod() + "' is not one of " + METHODS);
    }
    List<Optional<String>> found = new ArrayList<>();
    List<HTTPHeaderMatch> headers = match.getHeaders();
    for (int h = 0; h < headers.size(); h++) {
      HTTPHeaderMatch header = headers.get(h);
      found.add(
          checkValueMatch(
              header.getType(),
              header.getName(),
              header.getValue(),
              at + ".headers[" + h + "]",
              true,
              invalid));
    }
    List<HTTPQueryParamMatch> params = match.getQueryParams();
    for (int q = 0; q < params.size(); q++) {
      HTTPQueryParamMatch param = params.get(q);
      found.add(
          checkValueMatch(
              param.getType(),
              param.getName(),
              param.getValue(),
              at + ".queryParams[" + q + "]",
              false,
              invalid));
    }
    return found.stream().flatMap(Optional::stream).findFirst();
  }

  /**
   * A header or query parameter match: schema violations go to {@code invalid}; a regular
   * expression RE2 cannot compile is returned (the match is not served).
   */
  private static Optional<String> checkValueMatch(
      String type, String name, String value, String at, boolean header, List<String> invalid) {
    String effectiveType = type == null ? "Exact" : type;
    if (!VALUE_TYPES.contains(effectiveType)) {
      invalid.add(at + ".type: '" + effectiveType + "' is not one of Exact, RegularExpression");
    }
    if (name == null || name.isEmpty()) {
      invalid.add(at + ".name: required");
    } else if (header && !HttpSyntax.isToken(name)) {
      invalid.add(at + ".name: '" + name + "' is not a valid header name");
    }
    if (value == null) {
      invalid.add(at + ".value: required");
      return Optional.empty();
    }
    if (effectiveType.equals("RegularExpression")) {
      return regexProblem(value).map(problem -> at + ".value: " + problem);
    }
    return Optional.empty();
  }

  /** Why RE2 (the proxy's regular expressions: linear time) cannot compile a pattern, if so. */
  static Optional<String> regexProblem(String regex) {
    try {
      com.google.re2j.Pattern.compile(regex);
      return Optional.empty();
    } catch (com.google.re2j.PatternSyntaxException e) {
      return Optional.of(
          "'" + regex + "' is not a valid RE2 regular expression: " + e.getMessage());
    }
  }

  private static void checkRetry(HTTPRouteRetry retry, String at, List<String> invalid) {
    if (retry == null) {
      return;
    }
    if (retry.getAttempts() != null && retry.getAttempts() < 0) {
      invalid.add(at + ".attempts: " + retry.getAttempts() + " is negative");
    }
    for (int c = 0; c < retry.getCodes().size(); c++) {
      Integer code = retry.getCodes().get(c);
      if (code == null || code < 400 || code > 599) {
        invalid.add(at + ".codes[" + c + "]: " + code + " is not in 400..599");
      }
    }
    if (retry.getBackoff() != null && Durations.millis(retry.getBackoff()).isEmpty()) {
      invalid.add(at + ".backoff: '" + retry.getBackoff() + "' is not a duration like 100ms");
    }
  }

  /** What the CRD's schema and rules refuse, and names a cookie or header cannot have. */
  private static void checkSessionPersistence(
      SessionPersistence session, String at, List<String> invalid) {
    if (session == null) {
      return;
    }
    String type = session.getType();
    if (type != null
        && !type.equals(SessionPersistenceTranslator.COOKIE)
        && !type.equals(SessionPersistenceTranslator.HEADER)) {
      invalid.add(at + ".type: '" + type + "' is not Cookie or Header");
    }
    String name = session.getSessionName();
    if (name != null
        && (name.length() > SessionPersistenceTranslator.MAX_NAME_LENGTH
            || !HttpSyntax.isToken(name))) {
      invalid.add(
          at
              + ".sessionName: '"
              + name
              + "' is not a cookie or header name (an HTTP token of at most "
              + SessionPersistenceTranslator.MAX_NAME_LENGTH
              + " characters)");
    }
    if (session.getAbsoluteTimeout() != null
        && Durations.millis(session.getAbsoluteTimeout()).isEmpty()) {
      invalid.add(
          at
              + ".absoluteTimeout: '"
              + session.getAbsoluteTimeout()
              + "' is not a duration like 1h");
    }
    if (session.getIdleTimeout() != null && Durations.millis(session.getIdleTimeout()).isEmpty()) {
      invalid.add(
          at + ".idleTimeout: '" + session.getIdleTimeout() + "' is not a duration like 30m");
    }
    String lifetime =
        session.getCookieConfig() == null ? null : session.getCookieConfig().getLifetimeType();
    if (lifetime != null
        && !lifetime.equals(SessionPersistenceTranslator.PERMANENT)
        && !lifetime.equals(SessionPersistenceTranslator.SESSION)) {
      invalid.add(
          at + ".cookieConfig.lifetimeType: '" + lifetime + "' is not Permanent or Session");
    }
    if (SessionPersistenceTranslator.PERMANENT.equals(lifetime)
        && session.getAbsoluteTimeout() == null) {
      invalid.add(at + ".absoluteTimeout: must be set when cookieConfig.lifetimeType is Permanent");
    }
  }

  private static void checkTimeouts(HTTPRouteTimeouts timeouts, String at, List<String> invalid) {
    if (timeouts == null) {
      return;
    }
    Optional<Long> request = Optional.empty();
    if (timeouts.getRequest() != null) {
      request = Durations.millis(timeouts.getRequest());
      if (request.isEmpty()) {
        invalid.add(
            at + ".request: '" + timeouts.getRequest() + "' is not a duration like 1s or 500ms");
      }
    }
    if (timeouts.getBackendRequest() != null) {
      Optional<Long> backend = Durations.millis(timeouts.getBackendRequest());
      if (backend.isEmpty()) {
        invalid.add(
            at
                + ".backendRequest: '"
                + timeouts.getBackendRequest()
                + "' is not a duration like 1s or 500ms");
      } else if (request.isPresent() && request.get() > 0 && backend.get() > request.get()) {
        invalid.add(at + ".backendRequest: must not be longer than request");
      }
    }
  }

  /**
   * Checks a rule's filters; schema violations go to {@code invalid}. Returns false when a filter
   * is valid but Lintel cannot apply it (then the rule is answered 500, and why is in {@code
   * unsupported}).
   */
  private static boolean checkFilters(
      HTTPRouteRule rule, String at, List<String> invalid, List<String> unsupported) {
    boolean appliable = true;
    Set<String> seen = new HashSet<>();
    List<HTTPRouteFilter> filters = rule.getFilters();
    for (int f = 0; f < filters.size(); f++) {
      HTTPRouteFilter filter = filters.get(f);
      String filterAt = at + ".filters[" + f + "]";
      String type = filter.getType();
      if (type == null) {
        invalid.add(filterAt + ".type: required");
        continue;
      }
      if (ONCE_PER_RULE.contains(type) && !seen.add(type)) {
        invalid.add(filterAt + ".type: " + type + " may appear only once in a rule");
      }
      switch (type) {
        case "RequestHeaderModifier", "ResponseHeaderModifier" ->
            appliable &= checkHeaderFilter(filter, filterAt, invalid, unsupported);
        case "RequestRedirect" ->
            checkRedirect(
                filter.getRequestRedirect(), rule, filterAt + ".requestRedirect", invalid);
        case "URLRewrite" ->
            checkRewrite(filter.getUrlRewrite(), rule, filterAt + ".urlRewrite", invalid);
        case "RequestMirror" -> checkMirror(filter.getRequestMirror(), filterAt, invalid);
        case "CORS" -> CorsValidator.check(filter.getCors(), filterAt + ".cors", invalid);
        case DirectResponseFilter.TYPE ->
            appliable &=
                DirectResponseFilter.check(
                    filter, !rule.getBackendRefs().isEmpty(), filterAt, invalid, unsupported);
        default -> {
          unsupported.add(
              filterAt
                  + ".type: "
                  + type
                  + (type.equals("ExtensionRef")
                      ? " filters are not known to Lintel"
                      : " filters are not supported yet")
                  + "; the rule is answered 500");
          appliable = false;
        }
      }
    }
    if (seen.contains("RequestRedirect") && seen.contains("URLRewrite")) {
      invalid.add(at + ".filters: RequestRedirect and URLRewrite cannot be used together");
    }
    if (seen.contains(DirectResponseFilter.TYPE)
        && (seen.contains("RequestRedirect") || seen.contains("URLRewrite"))) {
      invalid.add(
          at + ".filters: DirectResponse cannot be used with RequestRedirect or URLRewrite");
    }
    return appliable;
  }

  private static boolean checkBackendFilters(
      List<HTTPRouteFilter> filters, String at, List<String> invalid, List<String> unsupported) {
    boolean appliable = true;
    for (int f = 0; f < filters.size(); f++) {
      HTTPRouteFilter filter = filters.get(f);
      String filterAt = at + "[" + f + "]";
      String type = String.valueOf(filter.getType());
      switch (type) {
        case "RequestHeaderModifier", "ResponseHeaderModifier" ->
            appliable &= checkHeaderFilter(filter, filterAt, invalid, unsupported);
        default -> {
          unsupported.add(
              filterAt
                  + ".type: "
                  + type
                  + " filters on a backendRef are not supported; the rule is answered 500");
          appliable = false;
        }
      }
    }
    return appliable;
  }

  /** A RequestHeaderModifier or ResponseHeaderModifier filter, on a rule or a backendRef. */
  private static boolean checkHeaderFilter(
      HTTPRouteFilter routeFilter,
      String filterAt,
      List<String> invalid,
      List<String> unsupported) {
    boolean request = routeFilter.getType().equals("RequestHeaderModifier");
    HTTPHeaderFilter filter =
        request ? routeFilter.getRequestHeaderModifier() : routeFilter.getResponseHeaderModifier();
    String at = filterAt + (request ? ".requestHeaderModifier" : ".responseHeaderModifier");
    if (filter == null) {
      invalid.add(at + ": required by the filter type");
      return true;
    }
    boolean appliable = true;
    List<String> names = new ArrayList<>();
    for (String list : List.of("set", "add")) {
      List<HTTPHeader> headers = list.equals("set") ? filter.getSet() : filter.getAdd();
      Set<String> unique = new HashSet<>();
      for (int h = 0; h < headers.size(); h++) {
        HTTPHeader header = headers.get(h);
        String headerAt = at + "." + list + "[" + h + "]";
        String name = header.getName();
        if (name == null || !HttpSyntax.isToken(name)) {
          invalid.add(headerAt + ".name: '" + name + "' is not a valid header name");
          continue;
        }
        if (!unique.add(name.toLowerCase(Locale.ROOT))) {
          invalid.add(headerAt + ".name: '" + name + "' appears twice");
        }
        if (header.getValue() == null || !HttpSyntax.isFieldValue(header.getValue())) {
          invalid.add(headerAt + ".value: must not contain control characters");
        }
        names.add(name);
      }
    }
    for (int h = 0; h < filter.getRemove().size(); h++) {
      String name = filter.getRemove().get(h);
      if (name == null || !HttpSyntax.isToken(name)) {
        invalid.add(at + ".remove[" + h + "]: '" + name + "' is not a valid header name");
        continue;
      }
      names.add(name);
    }
    for (String name : names) {
      if (HeaderModifier.PROXY_OWNED.contains(name.toLowerCase(Locale.ROOT))) {
        unsupported.add(
            at + ": header '" + name + "' is the proxy's to write; the rule is answered 500");
        appliable = false;
      }
    }
    return appliable;
  }

  private static void checkRedirect(
      HTTPRequestRedirectFilter redirect, HTTPRouteRule rule, String at, List<String> invalid) {
    if (redirect == null) {
      invalid.add(at + ": required by the filter type");
      return;
    }
    if (redirect.getScheme() != null && !SCHEMES.contains(redirect.getScheme())) {
      invalid.add(at + ".scheme: '" + redirect.getScheme() + "' is not one of " + SCHEMES);
    }
    if (redirect.getHostname() != null) {
      HostnameIntersection.problem(redirect.getHostname())
          .or(
              () ->
                  redirect.getHostname().startsWith("*")
                      ? Optional.of("must not be a wildcard")
                      : Optional.empty())
          .ifPresent(p -> invalid.add(at + ".hostname: " + p));
    }
    if (redirect.getPort() != null && (redirect.getPort() < 1 || redirect.getPort() > 65535)) {
      invalid.add(at + ".port: " + redirect.getPort() + " is not in 1..65535");
    }
    if (redirect.getStatusCode() != null && !REDIRECT_CODES.contains(redirect.getStatusCode())) {
      invalid.add(
          at + ".statusCode: " + redirect.getStatusCode() + " is not one of " + REDIRECT_CODES);
    }
    checkPathModifier(redirect.getPath(), rule, at + ".path", invalid);
  }

  private static void checkMirror(
      HTTPRequestMirrorFilter mirror, String filterAt, List<String> invalid) {
    String at = filterAt + ".requestMirror";
    if (mirror == null || mirror.getBackendRef() == null) {
      invalid.add(at + ".backendRef: required");
      return;
    }
    if (mirror.getBackendRef().getName() == null) {
      invalid.add(at + ".backendRef.name: required");
    }
    if (mirror.getPercent() != null && mirror.getFraction() != null) {
      invalid.add(at + ": percent and fraction cannot both be set");
    }
    if (mirror.getPercent() != null && (mirror.getPercent() < 0 || mirror.getPercent() > 100)) {
      invalid.add(at + ".percent: " + mirror.getPercent() + " is not in 0..100");
    }
    Fraction fraction = mirror.getFraction();
    if (fraction != null) {
      int denominator = fraction.getDenominator() == null ? 100 : fraction.getDenominator();
      if (fraction.getNumerator() == null
          || denominator < 1
          || fraction.getNumerator() < 0
          || fraction.getNumerator() > denominator) {
        invalid.add(at + ".fraction: must be a share between 0 and 1 with a positive denominator");
      }
    }
  }

  private static void checkRewrite(
      HTTPURLRewriteFilter rewrite, HTTPRouteRule rule, String at, List<String> invalid) {
    if (rewrite == null) {
      invalid.add(at + ": required by the filter type");
      return;
    }
    if (rewrite.getHostname() != null) {
      HostnameIntersection.problem(rewrite.getHostname())
          .or(
              () ->
                  rewrite.getHostname().startsWith("*")
                      ? Optional.of("must not be a wildcard")
                      : Optional.empty())
          .ifPresent(p -> invalid.add(at + ".hostname: " + p));
    }
    checkPathModifier(rewrite.getPath(), rule, at + ".path", invalid);
  }

  private static void checkPathModifier(
      HTTPPathModifier path, HTTPRouteRule rule, String at, List<String> invalid) {
    if (path == null) {
      return;
    }
    String type = path.getType();
    String value;
    if ("ReplaceFullPath".equals(type)) {
      value = path.getReplaceFullPath();
    } else if ("ReplacePrefixMatch".equals(type)) {
      value = path.getReplacePrefixMatch();
      for (HTTPRouteMatch match : rule.getMatches()) {
        String matchType =
            match.getPath() == null || match.getPath().getType() == null
                ? "PathPrefix"
                : match.getPath().getType();
        if (!matchType.equals("PathPrefix")) {
          invalid.add(at + ".type: ReplacePrefixMatch needs PathPrefix matches only");
          break;
        }
      }
    } else {
      invalid.add(at + ".type: '" + type + "' is not one of ReplaceFullPath, ReplacePrefixMatch");
      return;
    }
    if (value == null
        || !value.startsWith("/")
        || !HttpSyntax.isFieldValue(value)
        || value.contains(" ")) {
      invalid.add(at + ": '" + value + "' is not an absolute path");
    }
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
