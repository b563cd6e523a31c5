package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.gatewayapi.TLSRouteRule;
import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.Mirror;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the backendRefs of a route to weighted backends with endpoints. An invalid reference
 * keeps its weight with {@code rejected} set, so its share of requests is answered 500 (the Gateway
 * API rule) instead of silently shifting to the other backends. A Service port governed by a
 * BackendTLSPolicy is spoken to over TLS as the policy says; one whose policy cannot be honoured is
 * rejected like an invalid reference.
 */
final class BackendResolver {
  private static final String H2C_APP_PROTOCOL = "kubernetes.io/h2c";

  /**
   * Service port {@code appProtocol}s a GRPCRoute backend may carry: none (the route kind tells, as
   * GEP-1911 allows), the standard h2c, and the usual names of cleartext gRPC and HTTP/2.
   */
  private static final Set<String> GRPC_APP_PROTOCOLS =
      Set.of(H2C_APP_PROTOCOL, "grpc", "h2c", "http2");

  /** Why one backendRef does not resolve; {@code message} names the field. */
  record Failure(String reason, String message) {}

  /**
   * @param rules backends per rule index
   * @param mirrors the resolved targets of the rule's RequestMirror filters, per rule index
   * @param failures every unresolved reference, in rule then backendRef order, mirrors last
   */
  record Resolution(List<List<Backend>> rules, List<List<Mirror>> mirrors, List<Failure> failures) {
    /** The route's {@code ResolvedRefs}: False with the first failure's reason, naming them all. */
    Condition resolvedRefs(HasMetadata route) {
      if (failures.isEmpty()) {
        return Conditions.statusTrue(
            ConditionTypes.RESOLVED_REFS,
            Reasons.RESOLVED_REFS,
            "all references are resolved",
            route);
      }
      return Conditions.statusFalse(
          ConditionTypes.RESOLVED_REFS,
          failures.get(0).reason(),
          failures.stream().map(Failure::message).collect(Collectors.joining("; ")),
          route);
    }
  }

  /** The fields of a backendRef or of a mirror's backendRef, defaults applied. */
  private record Ref(String group, String kind, String namespace, String name, Integer port) {
    String displayName() {
      return namespace + "/" + name + (port == null ? "" : ":" + port);
    }
  }

  private final Map<String, Service> services = new HashMap<>();
  private final ServiceEndpoints endpoints;
  private final ReferenceGrants grants;
  private final BackendTlsPolicies policies;

  BackendResolver(Snapshot snapshot) {
    this(snapshot, new BackendTlsPolicies(snapshot.backendTlsPolicies(), snapshot.configMaps()));
  }

  BackendResolver(Snapshot snapshot, BackendTlsPolicies policies) {
    this.policies = policies;
    for (Service service : snapshot.services()) {
      services.put(
          service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), service);
    }
    this.endpoints = new ServiceEndpoints(snapshot.endpointSlices());
    this.grants = new ReferenceGrants(snapshot.referenceGrants());
  }

  Resolution resolve(RouteSource source) {
    HTTPRoute route = source.route();
    RouteKind kind = source.kind();
    List<List<Backend>> rules = new ArrayList<>();
    List<List<Mirror>> mirrors = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<Failure> mirrorFailures = new ArrayList<>();
    List<HTTPRouteRule> specRules = route.getSpec().getRules();
    for (int r = 0; r < specRules.size(); r++) {
      List<Backend> backends = new ArrayList<>();
      List<HTTPBackendRef> refs = specRules.get(r).getBackendRefs();
      for (int b = 0; b < refs.size(); b++) {
        String at = "spec.rules[" + r + "].backendRefs[" + b + "]";
        HTTPBackendRef ref = refs.get(b);
        Backend backend =
            resolve(
                kind,
                route,
                refOf(route, ref),
                ref.getWeight() == null ? 1 : ref.getWeight(),
                at,
                failures);
        backends.add(
            new Backend(
                backend.name(),
                backend.weight(),
                backend.endpoints(),
                backend.rejected(),
                FilterTranslator.backendRequestHeaders(ref.getFilters()),
                FilterTranslator.backendResponseHeaders(ref.getFilters()),
                backend.protocol(),
                backend.tls()));
      }
      rules.add(List.copyOf(backends));
      mirrors.add(mirrorsOf(kind, route, r, specRules.get(r).getFilters(), mirrorFailures));
    }
    failures.addAll(mirrorFailures);
    return new Resolution(List.copyOf(rules), List.copyOf(mirrors), List.copyOf(failures));
  }

  private List<Mirror> mirrorsOf(
      RouteKind kind,
      HTTPRoute route,
      int rule,
      List<HTTPRouteFilter> filters,
      List<Failure> failures) {
    List<Mirror> mirrors = new ArrayList<>();
    for (int f = 0; f < filters.size(); f++) {
      HTTPRequestMirrorFilter mirror = filters.get(f).getRequestMirror();
      if (!"RequestMirror".equals(filters.get(f).getType()) || mirror == null) {
        continue;
      }
      BackendObjectReference ref = mirror.getBackendRef();
      String at = "spec.rules[" + rule + "].filters[" + f + "].requestMirror.backendRef";
      Backend backend = resolve(kind, route, refOf(route, ref), 1, at, failures);
      int numerator = 1;
      int denominator = 1;
      if (mirror.getPercent() != null) {
        numerator = mirror.getPercent();
        denominator = 100;
      } else if (mirror.getFraction() != null) {
        numerator = mirror.getFraction().getNumerator();
        denominator =
            mirror.getFraction().getDenominator() == null
                ? 100
                : mirror.getFraction().getDenominator();
      }
      mirrors.add(new Mirror(backend, numerator, denominator));
    }
    return List.copyOf(mirrors);
  }

  /**
   * Resolves the backendRefs of a TLSRoute's rules. A TLS connection cannot be answered with a 500:
   * the proxy closes the connections that fall to an invalid reference's share.
   */
  Resolution resolve(TLSRoute route) {
    List<List<Backend>> rules = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<TLSRouteRule> specRules = route.getSpec().rules();
    for (int r = 0; r < specRules.size(); r++) {
      List<Backend> backends = new ArrayList<>();
      List<BackendRef> refs = specRules.get(r).backendRefs();
      for (int b = 0; b < refs.size(); b++) {
        BackendRef ref = refs.get(b);
        backends.add(
            resolve(
                RouteKind.TLS_ROUTE,
                route,
                refOf(route, ref),
                ref.getWeight() == null ? 1 : ref.getWeight(),
                "spec.rules[" + r + "].backendRefs[" + b + "]",
                failures));
      }
      rules.add(List.copyOf(backends));
    }
    return new Resolution(
        List.copyOf(rules), Collections.nCopies(rules.size(), List.of()), List.copyOf(failures));
  }

  private static Ref refOf(HasMetadata route, HTTPBackendRef ref) {
    return refOf(
        route, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getPort());
  }

  private static Ref refOf(HasMetadata route, BackendRef ref) {
    return refOf(
        route, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getPort());
  }

  private static Ref refOf(HasMetadata route, BackendObjectReference ref) {
    return refOf(
        route, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getPort());
  }

  private static Ref refOf(
      HasMetadata route, String group, String kind, String namespace, String name, Integer port) {
    return new Ref(
        group == null ? "" : group,
        kind == null ? "Service" : kind,
        namespace == null ? route.getMetadata().getNamespace() : namespace,
        name,
        port);
  }

  private Backend resolve(
      RouteKind kind, HasMetadata route, Ref ref, int weight, String at, List<Failure> failures) {
    Optional<Failure> failure = check(kind, route.getMetadata().getNamespace(), ref, at);
    if (failure.isPresent()) {
      failures.add(failure.get());
      return new Backend(ref.displayName(), weight, List.of(), failure.get().reason());
    }
    Service service = services.get(ref.namespace() + "/" + ref.name());
    ServicePort port = portOf(service, ref.port()).orElseThrow();
    // By the route's own kind: a GRPCRoute arrives here converted to an HTTPRoute.
    ObjectRef routeRef =
        new ObjectRef(
            kind.kind(), route.getMetadata().getNamespace(), route.getMetadata().getName());
    BackendTlsPolicies.Applied tls =
        policies.forBackend(routeRef, ref.namespace(), ref.name(), port);
    if (tls != null && tls.failed()) {
      failures.add(new Failure(Reasons.INVALID_BACKEND_TLS_POLICY, at + ": " + tls.failure()));
      return new Backend(ref.displayName(), weight, List.of(), Reasons.INVALID_BACKEND_TLS_POLICY);
    }
    return new Backend(ref.displayName(), weight, endpoints.of(service, port), null)
        .withProtocol(kind == RouteKind.GRPC_ROUTE ? BackendProtocol.H2C : protocolOf(port))
        .withTls(tls == null ? null : tls.tls());
  }

  /**
   * The Service port's {@code appProtocol} decides what the proxy speaks upstream (Gateway API
   * GEP-1911): {@code kubernetes.io/h2c} is HTTP/2 with prior knowledge; anything else, WebSocket
   * ({@code kubernetes.io/ws}) included, starts as HTTP/1.1.
   */
  static BackendProtocol protocolOf(ServicePort port) {
    return H2C_APP_PROTOCOL.equals(port.getAppProtocol())
        ? BackendProtocol.H2C
        : BackendProtocol.HTTP1;
  }

  /**
   * Checks in the order that leaks nothing: the kind first, then the permission, and only then
   * whether the Service exists (a route must not learn what another namespace holds).
   */
  private Optional<Failure> check(RouteKind routeKind, String routeNamespace, Ref ref, String at) {
    String group = ref.group();
    String kind = ref.kind();
    String namespace = ref.namespace();
    if (!group.isEmpty() || !kind.equals("Service")) {
      return Optional.of(
          new Failure(
              Reasons.INVALID_KIND,
              at
                  + ": kind "
                  + (group.isEmpty() ? "" : group + "/")
                  + kind
                  + " is not supported (only core Service)"));
    }
    if (!namespace.equals(routeNamespace)
        && !grants.permitsRouteToService(routeKind.kind(), routeNamespace, namespace, ref.name())) {
      return Optional.of(
          new Failure(
              Reasons.REF_NOT_PERMITTED,
              at
                  + ": Service "
                  + namespace
                  + "/"
                  + ref.name()
                  + " is in another namespace and no ReferenceGrant in "
                  + namespace
                  + " allows "
                  + routeKind.kind()
                  + "s from "
                  + routeNamespace
                  + " to refer to it"));
    }
    Service service = services.get(namespace + "/" + ref.name());
    if (service == null) {
      return Optional.of(
          new Failure(
              Reasons.BACKEND_NOT_FOUND,
              at + ": Service " + namespace + "/" + ref.name() + " not found"));
    }
    Optional<ServicePort> port = portOf(service, ref.port());
    if (port.isEmpty()) {
      return Optional.of(
          new Failure(
              Reasons.BACKEND_NOT_FOUND,
              at + ": Service " + namespace + "/" + ref.name() + " has no port " + ref.port()));
    }
    String appProtocol = port.get().getAppProtocol();
    if (routeKind == RouteKind.GRPC_ROUTE
        && appProtocol != null
        && !GRPC_APP_PROTOCOLS.contains(appProtocol)) {
      return Optional.of(
          new Failure(
              Reasons.UNSUPPORTED_PROTOCOL,
              at
                  + ": port "
                  + ref.port()
                  + " of Service "
                  + namespace
                  + "/"
                  + ref.name()
                  + " has appProtocol '"
                  + appProtocol
                  + "'; gRPC needs cleartext HTTP/2 (kubernetes.io/h2c)"));
    }
    return Optional.empty();
  }

  private static Optional<ServicePort> portOf(Service service, Integer port) {
    if (service.getSpec() == null || port == null) {
      return Optional.empty();
    }
    return service.getSpec().getPorts().stream()
        .filter(candidate -> port.equals(candidate.getPort()))
        .findFirst();
  }
}
