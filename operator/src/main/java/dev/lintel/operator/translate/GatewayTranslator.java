package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.proxy.config.ProxyConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SupportedFeatureBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Translates a {@link Snapshot} into a {@link Translation}: the proxy config of every Gateway of a
 * Lintel GatewayClass and the status of every object Lintel is responsible for. Pure and
 * deterministic; one instance may be reused.
 */
public final class GatewayTranslator {
  /** The {@code spec.controllerName} of the GatewayClasses Lintel serves. */
  public static final String CONTROLLER_NAME = "lintel.dev/gateway-controller";

  /**
   * Features advertised in GatewayClass {@code status.supportedFeatures}, sorted as the spec asks:
   * exactly those whose conformance tests all pass as scenario tests, or as reconcile tests where
   * the test needs an API server (GatewayInfrastructurePropagation; the README's table).
   */
  static final List<String> SUPPORTED_FEATURES =
      List.of(
          "BackendTLSPolicy",
          "BackendTLSPolicySANValidation",
          "GRPCRoute",
          "GRPCRouteNamedRouteRule",
          "GRPCRouteRequestHeaderModifier",
          "GRPCRouteRequestMirror",
          "Gateway",
          "GatewayAddressEmpty",
          "GatewayBackendClientCertificate",
          "GatewayFrontendClientCertificateValidation",
          "GatewayFrontendClientCertificateValidationInsecureFallback",
          "GatewayHTTPListenerIsolation",
          "GatewayHTTPSAndTLSPassthroughSamePort",
          "GatewayHTTPSListenerDetectMisdirectedRequests",
          "GatewayInfrastructurePropagation",
          "GatewayNonDisruptiveConfig",
          "GatewayPort8080",
          "GatewayRouteHostnameIntersectionPrecedence",
          "GatewayStaticAddresses",
          "HTTPRoute",
          "HTTPRoute303RedirectStatusCode",
          "HTTPRoute307RedirectStatusCode",
          "HTTPRoute308RedirectStatusCode",
          "HTTPRouteBackendProtocolH2C",
          "HTTPRouteBackendProtocolWebSocket",
          "HTTPRouteBackendRequestHeaderModification",
          "HTTPRouteBackendTimeout",
          "HTTPRouteCORS",
          "HTTPRouteDirectResponse",
          "HTTPRouteHostRewrite",
          "HTTPRouteMethodMatching",
          "HTTPRouteNamedRouteRule",
          "HTTPRouteParentRefPort",
          "HTTPRoutePathRedirect",
          "HTTPRoutePathRewrite",
          "HTTPRoutePortRedirect",
          "HTTPRouteQueryParamMatching",
          "HTTPRouteRequestMirror",
          "HTTPRouteRequestMultipleMirrors",
          "HTTPRouteRequestPercentageMirror",
          "HTTPRouteRequestTimeout",
          "HTTPRouteResponseHeaderModification",
          "HTTPRouteRetry",
          "HTTPRouteRetryBackendTimeout",
          "HTTPRouteRetryConnectionError",
          "HTTPRouteSchemeRedirect",
          "ListenerSet",
          "ReferenceGrant",
          "TLSRoute",
          "TLSRouteModeMixed",
          "TLSRouteModeTerminate");

  private final ListenerTranslator listeners = new ListenerTranslator();
  private final RouteValidator validator = new RouteValidator();
  private final ProxyConfigAssembler assembler = new ProxyConfigAssembler();

  public Translation translate(Snapshot snapshot) {
    SortedMap<ObjectRef, GatewayClassStatus> classStatuses = new TreeMap<>();
    Set<String> ourClasses = new TreeSet<>();
    for (GatewayClass gatewayClass : snapshot.gatewayClasses()) {
      if (gatewayClass.getSpec() != null
          && CONTROLLER_NAME.equals(gatewayClass.getSpec().getControllerName())) {
        ourClasses.add(gatewayClass.getMetadata().getName());
        classStatuses.put(ObjectRef.of(gatewayClass), classStatus(gatewayClass));
      }
    }

    NamespacePolicy namespaces = new NamespacePolicy(snapshot.namespaces());
    Map<ObjectRef, GatewayView> gateways = new TreeMap<>();
    ReferenceGrants grants = new ReferenceGrants(snapshot.referenceGrants());
    CertificateRefs certificates = new CertificateRefs(snapshot.secrets(), grants);
    FrontendValidation frontend = new FrontendValidation(snapshot.configMaps(), grants);
    Map<ObjectRef, GatewayClientCertificate> clientCertificates = new HashMap<>();
    for (Gateway gateway : snapshot.gateways()) {
      if (gateway.getSpec() != null
          && ourClasses.contains(gateway.getSpec().getGatewayClassName())) {
        GatewayView view =
            withAddressesChecked(listeners.translate(gateway, certificates, frontend));
        gateways.put(view.ref(), view);
        GatewayClientCertificate client = GatewayClientCertificate.resolve(gateway, certificates);
        if (client != null && view.valid()) {
          clientCertificates.put(view.ref(), client);
        }
      }
    }
    BackendTlsPolicies policies =
        new BackendTlsPolicies(snapshot.backendTlsPolicies(), snapshot.configMaps());

    Map<ObjectRef, ListenerSetView> listenerSets =
        new ListenerSetAttacher(listeners, namespaces, certificates, frontend)
            .attach(gateways, snapshot.listenerSets());

    RouteAttacher attacher = new RouteAttacher(namespaces);
    BackendResolver backends = new BackendResolver(snapshot, policies);
    Function<ObjectRef, String> clientCertificateOf =
        gateway -> {
          GatewayClientCertificate client = clientCertificates.get(gateway);
          return client == null ? null : client.certificate();
        };
    HttpRouteTranslator routes =
        new HttpRouteTranslator(
            gateways, listenerSets, validator, attacher, backends, clientCertificateOf);
    Map<ObjectRef, Set<ObjectRef>> policyAncestors = new TreeMap<>();
    SortedMap<ObjectRef, HTTPRouteStatus> routeStatuses = new TreeMap<>();
    SortedMap<ObjectRef, GRPCRouteStatus> grpcRouteStatuses = new TreeMap<>();
    Map<ObjectRef, Map<String, Set<ObjectRef>>> attached = new HashMap<>();
    Map<ObjectRef, List<HttpRouteTranslator.Contribution>> contributions = new HashMap<>();
    List<RouteSource> sources = routeSources(snapshot);
    List<CrossServing.Claim> claims = new ArrayList<>();
    sources.forEach(source -> claims.addAll(routes.claims(source)));
    CrossServing crossServing = new CrossServing(claims);
    for (RouteSource source : sources) {
      HttpRouteTranslator.Result result = routes.translate(source, crossServing);
      if (result.status() == null) {
        continue;
      }
      ObjectRef routeRef = source.ref();
      if (source.kind() == RouteKind.GRPC_ROUTE) {
        grpcRouteStatuses.put(
            routeRef,
            new GRPCRouteStatusBuilder().withParents(result.status().getParents()).build());
      } else {
        routeStatuses.put(routeRef, result.status());
      }
      countAttached(attached, routeRef, result.attached());
      for (HttpRouteTranslator.Contribution contribution : result.contributions()) {
        contributions
            .computeIfAbsent(contribution.gateway(), g -> new ArrayList<>())
            .add(contribution);
        for (ObjectRef policy : policies.usedBy(routeRef)) {
          policyAncestors.computeIfAbsent(policy, p -> new TreeSet<>()).add(contribution.gateway());
        }
      }
    }

    TlsRouteTranslator tlsRoutes =
        new TlsRouteTranslator(
            new RouteParents(gateways, listenerSets),
            attacher,
            backends,
            new BackendResolver(snapshot, BackendTlsPolicies.none()),
            clientCertificateOf);
    SortedMap<ObjectRef, RouteStatus> tlsRouteStatuses = new TreeMap<>();
    Map<ObjectRef, List<TlsRouteTranslator.Contribution>> tlsContributions = new HashMap<>();
    for (TLSRoute route : snapshot.tlsRoutes()) {
      if (route.getSpec() == null) {
        continue;
      }
      TlsRouteTranslator.Result result = tlsRoutes.translate(route);
      if (result.status() == null) {
        continue;
      }
      ObjectRef routeRef = ObjectRef.of(route);
      tlsRouteStatuses.put(routeRef, result.status());
      countAttached(attached, routeRef, result.attached());
      for (TlsRouteTranslator.Contribution contribution : result.contributions()) {
        tlsContributions
            .computeIfAbsent(contribution.gateway(), g -> new ArrayList<>())
            .add(contribution);
        if (contribution.terminates()) {
          for (ObjectRef policy : policies.usedBy(routeRef)) {
            policyAncestors
                .computeIfAbsent(policy, p -> new TreeSet<>())
                .add(contribution.gateway());
          }
        }
      }
    }

    SortedMap<ObjectRef, ProxyConfig> configs = new TreeMap<>();
    SortedMap<ObjectRef, GatewayStatus> gatewayStatuses = new TreeMap<>();
    for (GatewayView gateway : gateways.values()) {
      GatewayStatus status = gateway.status(counts(attached, gateway.ref()));
      GatewayClientCertificate client = clientCertificates.get(gateway.ref());
      if (client != null) {
        status.getConditions().add(client.resolvedRefs());
      }
      gatewayStatuses.put(gateway.ref(), status);
      if (gateway.valid()) {
        configs.put(
            gateway.ref(),
            assembler.assemble(
                gateway,
                contributions.getOrDefault(gateway.ref(), List.of()),
                tlsContributions.getOrDefault(gateway.ref(), List.of())));
      }
    }
    SortedMap<ObjectRef, ListenerSetStatus> listenerSetStatuses = new TreeMap<>();
    for (ListenerSetView set : listenerSets.values()) {
      listenerSetStatuses.put(set.ref(), set.status(counts(attached, set.ref())));
    }
    return new Translation(
        configs,
        classStatuses,
        gatewayStatuses,
        listenerSetStatuses,
        routeStatuses,
        policies.statuses(policyAncestors),
        tlsRouteStatuses,
        grpcRouteStatuses);
  }

  /** Adds a route to the routes counted per listener of each owner it attached to. */
  private static void countAttached(
      Map<ObjectRef, Map<String, Set<ObjectRef>>> attached,
      ObjectRef routeRef,
      Map<ObjectRef, List<String>> listenersByOwner) {
    listenersByOwner.forEach(
        (owner, names) ->
            names.forEach(
                name ->
                    attached
                        .computeIfAbsent(owner, o -> new HashMap<>())
                        .computeIfAbsent(name, n -> new TreeSet<>())
                        .add(routeRef)));
  }

  /** HTTPRoutes and GRPCRoutes (in HTTPRoute form), each kind sorted by namespace and name. */
  private static List<RouteSource> routeSources(Snapshot snapshot) {
    List<RouteSource> sources = new ArrayList<>();
    snapshot.httpRoutes().stream()
        .filter(route -> route.getSpec() != null)
        .sorted(Comparator.comparing(ObjectRef::of))
        .forEach(route -> sources.add(RouteSource.of(route)));
    snapshot.grpcRoutes().stream()
        .filter(route -> route.getSpec() != null)
        .sorted(Comparator.comparing(ObjectRef::of))
        .forEach(route -> sources.add(GrpcRouteConverter.convert(route)));
    return sources;
  }

  /** Attached routes per listener name of one listener owner (Gateway or ListenerSet). */
  private static Map<String, Integer> counts(
      Map<ObjectRef, Map<String, Set<ObjectRef>>> attached, ObjectRef owner) {
    Map<String, Integer> counts = new HashMap<>();
    attached.getOrDefault(owner, Map.of()).forEach((name, refs) -> counts.put(name, refs.size()));
    return counts;
  }

  /** A Gateway asking for addresses Lintel cannot serve is not accepted (UnsupportedAddress). */
  private static GatewayView withAddressesChecked(GatewayView view) {
    if (!view.valid()) {
      return view;
    }
    return GatewayAddresses.rejection(view.gateway())
        .map(
            rejection ->
                GatewayView.rejected(view.gateway(), rejection.reason(), rejection.message()))
        .orElse(view);
  }

  private static GatewayClassStatus classStatus(GatewayClass gatewayClass) {
    return new GatewayClassStatusBuilder()
        .withConditions(
            Conditions.statusTrue(
                ConditionTypes.ACCEPTED,
                Reasons.ACCEPTED,
                "GatewayClass is accepted by " + CONTROLLER_NAME,
                gatewayClass))
        .withSupportedFeatures(
            SUPPORTED_FEATURES.stream()
                .map(name -> new SupportedFeatureBuilder().withName(name).build())
                .toList())
        .build();
  }
}
