package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Backend;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the backendRefs of a route to weighted backends with endpoints. An invalid reference
 * keeps its weight with {@code rejected} set, so its share of requests is answered 500 (the Gateway
 * API rule) instead of silently shifting to the other backends.
 */
final class BackendResolver {
  /** Why one backendRef does not resolve; {@code message} names the field. */
  record Failure(String reason, String message) {}

  /**
   * @param rules backends per rule index
   * @param failures every unresolved reference, in rule then backendRef order
   */
  record Resolution(List<List<Backend>> rules, List<Failure> failures) {}

  private final Map<String, Service> services = new HashMap<>();
  private final ServiceEndpoints endpoints;
  private final ReferenceGrants grants;

  BackendResolver(Snapshot snapshot) {
    for (Service service : snapshot.services()) {
      services.put(
          service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), service);
    }
    this.endpoints = new ServiceEndpoints(snapshot.endpointSlices());
    this.grants = new ReferenceGrants(snapshot.referenceGrants());
  }

  Resolution resolve(HTTPRoute route) {
    List<List<Backend>> rules = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<HTTPRouteRule> specRules = route.getSpec().getRules();
    for (int r = 0; r < specRules.size(); r++) {
      List<Backend> backends = new ArrayList<>();
      List<HTTPBackendRef> refs = specRules.get(r).getBackendRefs();
      for (int b = 0; b < refs.size(); b++) {
        String at = "spec.rules[" + r + "].backendRefs[" + b + "]";
        HTTPBackendRef ref = refs.get(b);
        Backend backend = resolve(route, ref, at, failures);
        backends.add(backend);
      }
      rules.add(List.copyOf(backends));
    }
    return new Resolution(List.copyOf(rules), List.copyOf(failures));
  }

  private Backend resolve(HTTPRoute route, HTTPBackendRef ref, String at, List<Failure> failures) {
    String routeNamespace = route.getMetadata().getNamespace();
    String namespace = ref.getNamespace() == null ? routeNamespace : ref.getNamespace();
    String name =
        namespace + "/" + ref.getName() + (ref.getPort() == null ? "" : ":" + ref.getPort());
    int weight = ref.getWeight() == null ? 1 : ref.getWeight();
    Optional<Failure> failure = check(routeNamespace, namespace, ref, at);
    if (failure.isPresent()) {
      failures.add(failure.get());
      return new Backend(name, weight, List.of(), failure.get().reason());
    }
    Service service = services.get(namespace + "/" + ref.getName());
    ServicePort port = portOf(service, ref.getPort()).orElseThrow();
    return new Backend(
        name,
        weight,
        endpoints.of(service, port),
        null,
        FilterTranslator.backendRequestHeaders(ref.getFilters()),
        FilterTranslator.backendResponseHeaders(ref.getFilters()));
  }

  /**
   * Checks in the order that leaks nothing: the kind first, then the permission, and only then
   * whether the Service exists (a route must not learn what another namespace holds).
   */
  private Optional<Failure> check(
      String routeNamespace, String namespace, HTTPBackendRef ref, String at) {
    String group = ref.getGroup() == null ? "" : ref.getGroup();
    String kind = ref.getKind() == null ? "Service" : ref.getKind();
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
        && !grants.permitsRouteToService(routeNamespace, namespace, ref.getName())) {
      return Optional.of(
          new Failure(
              Reasons.REF_NOT_PERMITTED,
              at
                  + ": Service "
                  + namespace
                  + "/"
                  + ref.getName()
                  + " is in another namespace and no ReferenceGrant in "
                  + namespace
                  + " allows HTTPRoutes from "
                  + routeNamespace
                  + " to refer to it"));
    }
    Service service = services.get(namespace + "/" + ref.getName());
    if (service == null) {
      return Optional.of(
          new Failure(
              Reasons.BACKEND_NOT_FOUND,
              at + ": Service " + namespace + "/" + ref.getName() + " not found"));
    }
    if (portOf(service, ref.getPort()).isEmpty()) {
      return Optional.of(
          new Failure(
              Reasons.BACKEND_NOT_FOUND,
              at
                  + ": Service "
                  + namespace
                  + "/"
                  + ref.getName()
                  + " has no port "
                  + ref.getPort()));
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
