package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Translates one HTTPRoute (or a GRPCRoute in HTTPRoute form, see {@link GrpcRouteConverter})
 * against the Gateways Lintel serves: its {@code status.parents} entries, the listeners it attaches
 * to, and the route matches it adds to each Gateway's config.
 */
final class HttpRouteTranslator {
  /**
   * One route match served by one Gateway under one hostname on one port.
   *
   * @param gateway the Gateway whose config gets the match
   * @param listener the listener the route attached through: the Gateway's or a ListenerSet's
   * @param hostname the effective hostname (virtual host)
   * @param routeHostname the route's own hostname it reached {@code hostname} through ({@link
   *     HostnameIntersection#ANY} for a route without hostnames)
   * @param entry the match
   */
  record Contribution(
      ObjectRef gateway,
      ListenerView listener,
      String hostname,
      String routeHostname,
      MatchEntry entry) {
    int port() {
      return listener.port();
    }
  }

  /**
   * @param status Lintel's parent entries, or null when no parentRef names a Gateway Lintel serves
   *     or a ListenerSet of one
   * @param attached per listener owner (Gateway or ListenerSet), the names of the listeners the
   *     route counts as attached to
   * @param contributions what the route adds to the configs
   */
  record Result(
      HTTPRouteStatus status,
      Map<ObjectRef, List<String>> attached,
      List<Contribution> contributions) {}

  private final Map<ObjectRef, GatewayView> gateways;
  private final Map<ObjectRef, ListenerSetView> listenerSets;
  private final RouteValidator validator;
  private final RouteAttacher attacher;
  private final BackendResolver backends;

  /** Gateway -> the certificate its proxy presents to TLS backends, or null. */
  private final Function<ObjectRef, String> clientCertificates;

  HttpRouteTranslator(
      Map<ObjectRef, GatewayView> gateways,
      Map<ObjectRef, ListenerSetView> listenerSets,
      RouteValidator validator,
      RouteAttacher attacher,
      BackendResolver backends) {
    this(gateways, listenerSets, validator, attacher, backends, gateway -> null);
  }

  HttpRouteTranslator(
      Map<ObjectRef, GatewayView> gateways,
      Map<ObjectRef, ListenerSetView> listenerSets,
      RouteValidator validator,
      RouteAttacher attacher,
      BackendResolver backends,
      Function<ObjectRef, String> clientCertificates) {
    this.clientCertificates = clientCertificates;
    this.gateways = gateways;
    this.listenerSets = listenerSets;
    this.validator = validator;
    this.attacher = attacher;
    this.backends = backends;
  }

  /**
   * Where the route would attach if nothing stopped it: one claim per listener, for {@link
   * CrossServing} to settle before any route is translated.
   */
  List<CrossServing.Claim> claims(RouteSource source) {
    HTTPRoute route = source.route();
    List<CrossServing.Claim> claims = new ArrayList<>();
    if (!source.invalid().isEmpty() || validator.check(route).rejected()) {
      return claims;
    }
    List<ParentReference> refs = route.getSpec().getParentRefs();
    for (int p = 0; p < refs.size(); p++) {
      RouteParent parent = parentOf(route, refs.get(p));
      if (parent == null) {
        continue;
      }
      RouteAttacher.Attachment attachment =
          attacher.attach(source.kind(), route, refs.get(p), "", parent);
      for (RouteAttacher.Binding binding : attachment.bindings()) {
        claims.add(new CrossServing.Claim(source, binding.listener(), binding.hostnames()));
      }
    }
    return claims;
  }

  Result translate(RouteSource source, CrossServing crossServing) {
    HTTPRoute route = source.route();
    RouteValidator.Findings findings = withInvalid(validator.check(route), source.invalid());
    BackendResolver.Resolution resolution = backends.resolve(source);
    List<RouteParentStatus> parents = new ArrayList<>();
    Map<ObjectRef, List<String>> attached = new TreeMap<>();
    List<Contribution> contributions = new ArrayList<>();
    List<ParentReference> refs = route.getSpec().getParentRefs();
    for (int p = 0; p < refs.size(); p++) {
      ParentReference ref = refs.get(p);
      RouteParent parent = parentOf(route, ref);
      if (parent == null) {
        continue; // not ours, or does not exist: another controller's business
      }
      String at = "spec.parentRefs[" + p + "]";
      Condition accepted;
      if (findings.rejected()) {
        accepted =
            Conditions.statusFalse(
                ConditionTypes.ACCEPTED,
                Reasons.UNSUPPORTED_VALUE,
                String.join("; ", findings.invalid()),
                route);
      } else {
        RouteAttacher.Attachment attachment =
            attacher.attach(source.kind(), route, ref, at, parent);
        ObjectRef takenBy = null;
        int kept = 0;
        for (RouteAttacher.Binding binding : attachment.bindings()) {
          ListenerView listener = binding.listener();
          ObjectRef winner = crossServing.loserTo(source, listener);
          if (winner != null) {
            takenBy = winner;
            continue;
          }
          kept++;
          attached.computeIfAbsent(listener.owner(), k -> new ArrayList<>()).add(listener.name());
          if (listener.accepted()) {
            contribute(
                parent.gateway(),
                clientCertificates.apply(parent.gateway()),
                binding,
                source,
                findings,
                resolution,
                contributions);
          }
        }
        accepted =
            takenBy != null && kept == 0
                ? hostnameConflict(route, at, takenBy)
                : acceptedCondition(route, attachment, findings);
      }
      parents.add(
          new RouteParentStatusBuilder()
              .withParentRef(new ParentReferenceBuilder(ref).build())
              .withControllerName(GatewayTranslator.CONTROLLER_NAME)
              .withConditions(accepted, resolution.resolvedRefs(route))
              .build());
    }
    HTTPRouteStatus status =
        parents.isEmpty() ? null : new HTTPRouteStatusBuilder().withParents(parents).build();
    return new Result(status, attached, contributions);
  }

  /** Accepted=False: a route of the other kind took every listener the parentRef reached. */
  private static Condition hostnameConflict(HTTPRoute route, String at, ObjectRef takenBy) {
    return Conditions.statusFalse(
        ConditionTypes.ACCEPTED,
        Reasons.HOSTNAME_CONFLICT,
        at
            + ": "
            + takenBy.kind()
            + " "
            + takenBy.namespace()
            + "/"
            + takenBy.name()
            + " is older and serves a hostname of this route on every listener it reaches; an"
            + " HTTPRoute and a GRPCRoute may not share a hostname there",
        route);
  }

  /** The validator's findings with the schema violations of the original object added. */
  private static RouteValidator.Findings withInvalid(
      RouteValidator.Findings findings, List<String> invalid) {
    if (invalid.isEmpty()) {
      return findings;
    }
    List<String> all = new ArrayList<>(invalid);
    all.addAll(findings.invalid());
    return new RouteValidator.Findings(
        all, findings.unsupported(), findings.failedRules(), findings.skippedMatches());
  }

  /** The Gateway or ListenerSet a parentRef names, when Lintel serves it; else null. */
  private RouteParent parentOf(HTTPRoute route, ParentReference ref) {
    return new RouteParents(gateways, listenerSets).of(route, ref);
  }

  private static Condition acceptedCondition(
      HTTPRoute route, RouteAttacher.Attachment attachment, RouteValidator.Findings findings) {
    if (attachment.reason() != null) {
      return Conditions.statusFalse(
          ConditionTypes.ACCEPTED, attachment.reason(), attachment.message(), route);
    }
    if (!findings.unsupported().isEmpty()) {
      return Conditions.statusFalse(
          ConditionTypes.ACCEPTED,
          Reasons.UNSUPPORTED_VALUE,
          String.join("; ", findings.unsupported()),
          route);
    }
    return Conditions.statusTrue(
        ConditionTypes.ACCEPTED, Reasons.ACCEPTED, "Route is accepted", route);
  }

  private static void contribute(
      ObjectRef gateway,
      String clientCertificate,
      RouteAttacher.Binding binding,
      RouteSource source,
      RouteValidator.Findings findings,
      BackendResolver.Resolution resolution,
      List<Contribution> contributions) {
    HTTPRoute route = source.route();
    List<HTTPRouteRule> rules = route.getSpec().getRules();
    ListenerView listener = binding.listener();
    for (int r = 0; r < rules.size(); r++) {
      boolean fails = findings.fails(r);
      // A rule with a filter Lintel cannot apply answers 500: no backends, no filters.
      List<Backend> ruleBackends =
          fails
              ? List.of()
              : GatewayClientCertificate.presentedTo(resolution.rules().get(r), clientCertificate);
      RouteFilters filters =
          fails
              ? RouteFilters.NONE
              : FilterTranslator.ruleFilters(
                  rules.get(r).getFilters(),
                  GatewayClientCertificate.presentedToMirrors(
                      resolution.mirrors().get(r), clientCertificate),
                  listener.port(),
                  schemeOf(listener));
      List<HTTPRouteMatch> matches = rules.get(r).getMatches();
      int count = matches.isEmpty() ? 1 : matches.size();
      for (int m = 0; m < count; m++) {
        if (findings.skips(r, m)) {
          continue;
        }
        RouteMatch conditions =
            matches.isEmpty() ? RouteMatch.path(defaultPath()) : conditionsOf(matches.get(m));
        MatchEntry entry =
            new MatchEntry(
                route,
                r,
                m,
                conditions,
                filters,
                timeoutsOf(rules.get(r)),
                retryOf(rules.get(r)),
                ruleBackends,
                source.rank(r, m),
                SessionPersistenceTranslator.of(route, r, conditions.path()));
        for (String hostname : binding.hostnames()) {
          String routeHostname =
              RouteAttacher.routeHostnameOf(
                  listener.hostname(), route.getSpec().getHostnames(), hostname);
          contributions.add(new Contribution(gateway, listener, hostname, routeHostname, entry));
        }
      }
    }
  }

  /** A rule's validated timeouts; a zero duration means no limit (GEP-2257). */
  private static Timeouts timeoutsOf(HTTPRouteRule rule) {
    HTTPRouteTimeouts timeouts = rule.getTimeouts();
    if (timeouts == null) {
      return Timeouts.NONE;
    }
    Integer request = positiveMillis(timeouts.getRequest());
    Integer backend = positiveMillis(timeouts.getBackendRequest());
    return request == null && backend == null ? Timeouts.NONE : new Timeouts(request, backend);
  }

  /** A rule's validated retry policy (experimental field), or null for none. */
  private static Retry retryOf(HTTPRouteRule rule) {
    HTTPRouteRetry retry = rule.getRetry();
    if (retry == null) {
      return null;
    }
    int attempts = retry.getAttempts() == null ? 1 : retry.getAttempts();
    if (attempts <= 0) {
      return null;
    }
    // The API sets no maximum; the proxy stops at MAX_ATTEMPTS so that one request can never turn
    // into an unbounded stream of upstream requests.
    attempts = Math.min(attempts, Retry.MAX_ATTEMPTS);
    return new Retry(retry.getCodes(), attempts, positiveMillis(retry.getBackoff()));
  }

  private static Integer positiveMillis(String duration) {
    long millis = Durations.millis(duration).orElse(0L);
    return millis <= 0 ? null : (int) Math.min(millis, Integer.MAX_VALUE);
  }

  private static String schemeOf(ListenerView listener) {
    return "HTTPS".equals(listener.spec().getProtocol()) ? "https" : "http";
  }

  /** A validated match as the proxy applies it. */
  private static RouteMatch conditionsOf(HTTPRouteMatch match) {
    List<ValueMatch> headers = new ArrayList<>();
    Set<String> headerNames = new HashSet<>();
    for (HTTPHeaderMatch header : match.getHeaders()) {
      // Header names are case-insensitive; of two entries for one name only the first counts.
      String name = header.getName().toLowerCase(Locale.ROOT);
      if (headerNames.add(name)) {
        headers.add(new ValueMatch(valueType(header.getType()), name, header.getValue()));
      }
    }
    List<ValueMatch> queryParams = new ArrayList<>();
    Set<String> paramNames = new HashSet<>();
    for (HTTPQueryParamMatch param : match.getQueryParams()) {
      if (paramNames.add(param.getName())) {
        queryParams.add(
            new ValueMatch(valueType(param.getType()), param.getName(), param.getValue()));
      }
    }
    return new RouteMatch(pathOf(match), match.getMethod(), headers, queryParams);
  }

  private static ValueMatchType valueType(String type) {
    return "RegularExpression".equals(type)
        ? ValueMatchType.RegularExpression
        : ValueMatchType.Exact;
  }

  private static PathMatch pathOf(HTTPRouteMatch match) {
    HTTPPathMatch path = match.getPath();
    if (path == null) {
      return defaultPath();
    }
    PathMatchType type =
        switch (path.getType() == null ? "PathPrefix" : path.getType()) {
          case "Exact" -> PathMatchType.Exact;
          case "RegularExpression" -> PathMatchType.RegularExpression;
          default -> PathMatchType.PathPrefix;
        };
    return new PathMatch(type, path.getValue() == null ? "/" : path.getValue());
  }

  /** The Gateway API default for a rule without matches, or a match without a path. */
  private static PathMatch defaultPath() {
    return new PathMatch(PathMatchType.PathPrefix, "/");
  }
}
