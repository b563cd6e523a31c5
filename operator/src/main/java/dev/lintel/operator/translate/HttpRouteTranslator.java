package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Translates one HTTPRoute against the Gateways Lintel serves: its {@code status.parents} entries,
 * the listeners it attaches to, and the route matches it adds to each Gateway's config.
 */
final class HttpRouteTranslator {
  /**
   * One route match served by one Gateway under one hostname on one port.
   *
   * @param gateway the Gateway whose config gets the match
   * @param listener the Gateway listener the route attached through
   * @param hostname the effective hostname (virtual host)
   * @param entry the match
   */
  record Contribution(ObjectRef gateway, ListenerView listener, String hostname, MatchEntry entry) {
    int port() {
      return listener.port();
    }
  }

  /**
   * @param status Lintel's parent entries, or null when no parentRef names a Gateway Lintel serves
   * @param attached per Gateway, the names of the listeners the route counts as attached to
   * @param contributions what the route adds to the configs
   */
  record Result(
      HTTPRouteStatus status,
      Map<ObjectRef, List<String>> attached,
      List<Contribution> contributions) {}

  private final Map<ObjectRef, GatewayView> gateways;
  private final RouteValidator validator;
  private final RouteAttacher attacher;
  private final BackendResolver backends;

  HttpRouteTranslator(
      Map<ObjectRef, GatewayView> gateways,
      RouteValidator validator,
      RouteAttacher attacher,
      BackendResolver backends) {
    this.gateways = gateways;
    this.validator = validator;
    this.attacher = attacher;
    this.backends = backends;
  }

  Result translate(HTTPRoute route) {
    RouteValidator.Findings findings = validator.check(route);
    BackendResolver.Resolution resolution = backends.resolve(route);
    List<RouteParentStatus> parents = new ArrayList<>();
    Map<ObjectRef, List<String>> attached = new TreeMap<>();
    List<Contribution> contributions = new ArrayList<>();
    List<ParentReference> refs = route.getSpec().getParentRefs();
    for (int p = 0; p < refs.size(); p++) {
      ParentReference ref = refs.get(p);
      GatewayView gateway = gatewayOf(route, ref);
      if (gateway == null) {
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
        RouteAttacher.Attachment attachment = attacher.attach(route, ref, at, gateway);
        attached
            .computeIfAbsent(gateway.ref(), k -> new ArrayList<>())
            .addAll(attachment.bindings().stream().map(b -> b.listener().name()).toList());
        for (RouteAttacher.Binding binding : attachment.bindings()) {
          if (binding.listener().accepted()) {
            contribute(gateway.ref(), binding, route, findings, resolution, contributions);
          }
        }
        accepted = acceptedCondition(route, attachment, findings);
      }
      parents.add(
          new RouteParentStatusBuilder()
              .withParentRef(new ParentReferenceBuilder(ref).build())
              .withControllerName(GatewayTranslator.CONTROLLER_NAME)
              .withConditions(accepted, resolvedRefs(route, resolution))
              .build());
    }
    HTTPRouteStatus status =
        parents.isEmpty() ? null : new HTTPRouteStatusBuilder().withParents(parents).build();
    return new Result(status, attached, contributions);
  }

  private GatewayView gatewayOf(HTTPRoute route, ParentReference ref) {
    String group = ref.getGroup() == null ? ListenerTranslator.GATEWAY_GROUP : ref.getGroup();
    String kind = ref.getKind() == null ? "Gateway" : ref.getKind();
    if (!group.equals(ListenerTranslator.GATEWAY_GROUP)
        || !kind.equals("Gateway")
        || ref.getName() == null) {
      return null;
    }
    String namespace =
        ref.getNamespace() == null ? route.getMetadata().getNamespace() : ref.getNamespace();
    GatewayView gateway = gateways.get(new ObjectRef("Gateway", namespace, ref.getName()));
    return gateway == null || !gateway.valid() ? null : gateway;
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

  private static Condition resolvedRefs(HTTPRoute route, BackendResolver.Resolution resolution) {
    if (resolution.failures().isEmpty()) {
      return Conditions.statusTrue(
          ConditionTypes.RESOLVED_REFS,
          Reasons.RESOLVED_REFS,
          "all references are resolved",
          route);
    }
    return Conditions.statusFalse(
        ConditionTypes.RESOLVED_REFS,
        resolution.failures().get(0).reason(),
        resolution.failures().stream()
            .map(BackendResolver.Failure::message)
            .collect(Collectors.joining("; ")),
        route);
  }

  private static void contribute(
      ObjectRef gateway,
      RouteAttacher.Binding binding,
      HTTPRoute route,
      RouteValidator.Findings findings,
      BackendResolver.Resolution resolution,
      List<Contribution> contributions) {
    List<HTTPRouteRule> rules = route.getSpec().getRules();
    for (int r = 0; r < rules.size(); r++) {
      List<Backend> ruleBackends = resolution.rules().get(r);
      List<HTTPRouteMatch> matches = rules.get(r).getMatches();
      int count = matches.isEmpty() ? 1 : matches.size();
      for (int m = 0; m < count; m++) {
        if (findings.skips(r, m)) {
          continue;
        }
        PathMatch path = matches.isEmpty() ? defaultPath() : pathOf(matches.get(m));
        MatchEntry entry = new MatchEntry(route, r, m, path, ruleBackends);
        for (String hostname : binding.hostnames()) {
          contributions.add(new Contribution(gateway, binding.listener(), hostname, entry));
        }
      }
    }
  }

  private static PathMatch pathOf(HTTPRouteMatch match) {
    HTTPPathMatch path = match.getPath();
    if (path == null) {
      return defaultPath();
    }
    PathMatchType type =
        "Exact".equals(path.getType()) ? PathMatchType.Exact : PathMatchType.PathPrefix;
    return new PathMatch(type, path.getValue() == null ? "/" : path.getValue());
  }

  /** The Gateway API default for a rule without matches, or a match without a path. */
  private static PathMatch defaultPath() {
    return new PathMatch(PathMatchType.PathPrefix, "/");
  }
}
