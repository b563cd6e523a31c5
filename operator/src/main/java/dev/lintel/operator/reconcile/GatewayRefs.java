package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.translate.ListenerSetParents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the references between routes, Gateways, ListenerSets and Services, with the Gateway API
 * defaults.
 */
final class GatewayRefs {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  /** The Gateway a route's parentRef concerns, or null when it concerns none Lintel can tell. */
  @FunctionalInterface
  interface ParentResolver {
    ResourceID gatewayOf(ParentReference ref, String routeNamespace);
  }

  /** Resolves parentRefs that name Gateways only. */
  static final ParentResolver GATEWAYS_ONLY = GatewayRefs::gatewayOf;

  private GatewayRefs() {}

  /**
   * Resolves parentRefs that name a Gateway or a ListenerSet: the latter concerns its parent
   * Gateway, read from {@code listenerSets} (a cache lookup by namespace and name).
   */
  static ParentResolver withListenerSets(Function<ResourceID, Optional<ListenerSet>> listenerSets) {
    return (ref, routeNamespace) -> {
      ResourceID set = listenerSetOf(ref, routeNamespace);
      if (set == null) {
        return gatewayOf(ref, routeNamespace);
      }
      return listenerSets
          .apply(set)
          .flatMap(ListenerSetParents::parentOf)
          .map(parent -> new ResourceID(parent.name(), parent.namespace()))
          .orElse(null);
    };
  }

  /** The ListenerSet a parentRef names, or null when it names another kind. */
  static ResourceID listenerSetOf(ParentReference ref, String routeNamespace) {
    return named(ref, routeNamespace, ListenerSet.KIND);
  }

  /** The Gateway a ListenerSet names as parent, or null. */
  static ResourceID parentOf(ListenerSet set) {
    return ListenerSetParents.parentOf(set)
        .map(parent -> new ResourceID(parent.name(), parent.namespace()))
        .orElse(null);
  }

  /** The Gateway a parentRef names, or null when it names another kind. */
  static ResourceID gatewayOf(ParentReference ref, String routeNamespace) {
    return named(ref, routeNamespace, "Gateway");
  }

  /** The object of the Gateway API group and {@code kind} (default Gateway) a parentRef names. */
  private static ResourceID named(ParentReference ref, String routeNamespace, String kind) {
    if (ref == null || ref.getName() == null) {
      return null;
    }
    String group = ref.getGroup() == null ? GATEWAY_GROUP : ref.getGroup();
    String refKind = ref.getKind() == null ? "Gateway" : ref.getKind();
    if (!GATEWAY_GROUP.equals(group) || !kind.equals(refKind)) {
      return null;
    }
    String namespace = ref.getNamespace() == null ? routeNamespace : ref.getNamespace();
    return new ResourceID(ref.getName(), namespace);
  }

  static boolean pointsTo(
      ParentReference ref, String routeNamespace, ResourceID gateway, ParentResolver parents) {
    return gateway.equals(parents.gatewayOf(ref, routeNamespace));
  }

  /**
   * The Gateways a route concerns: those it names now, and those whose status entry of ours it
   * still carries (so the entry is removed when the parentRef goes away).
   */
  static Set<ResourceID> gatewaysOf(
      HTTPRoute route, String controllerName, ParentResolver parents) {
    return gatewaysOf(
        route.getMetadata().getNamespace(),
        route.getSpec() == null ? null : route.getSpec().getParentRefs(),
        route.getStatus() == null ? null : route.getStatus().getParents(),
        controllerName,
        parents);
  }

  /** {@link #gatewaysOf(HTTPRoute, String, ParentResolver)} of a TLSRoute. */
  static Set<ResourceID> gatewaysOf(TLSRoute route, String controllerName, ParentResolver parents) {
    return gatewaysOf(
        route.getMetadata().getNamespace(),
        route.getSpec() == null ? null : route.getSpec().parentRefs(),
        route.getStatus() == null ? null : route.getStatus().getParents(),
        controllerName,
        parents);
  }

  /** As for an HTTPRoute. */
  static Set<ResourceID> gatewaysOf(
      GRPCRoute route, String controllerName, ParentResolver parents) {
    return gatewaysOf(
        route.getMetadata().getNamespace(),
        route.getSpec() == null ? null : route.getSpec().getParentRefs(),
        route.getStatus() == null ? null : route.getStatus().getParents(),
        controllerName,
        parents);
  }

  private static Set<ResourceID> gatewaysOf(
      String namespace,
      List<ParentReference> refs,
      List<RouteParentStatus> statusParents,
      String controllerName,
      ParentResolver parents) {
    Set<ResourceID> gateways = new HashSet<>();
    if (refs != null) {
      for (ParentReference ref : refs) {
        addIfGateway(gateways, parents.gatewayOf(ref, namespace));
      }
    }
    if (statusParents != null) {
      for (RouteParentStatus parent : statusParents) {
        if (controllerName.equals(parent.getControllerName())) {
          addIfGateway(gateways, parents.gatewayOf(parent.getParentRef(), namespace));
        }
      }
    }
    return gateways;
  }

  private static void addIfGateway(Set<ResourceID> gateways, ResourceID gateway) {
    if (gateway != null) {
      gateways.add(gateway);
    }
  }

  /** Whether any backendRef of the TLSRoute names the Service {@code namespace/name}. */
  static boolean referencesService(TLSRoute route, String namespace, String name) {
    return route.getSpec() != null
        && namesService(
            route,
            route.getSpec().rules().stream()
                .flatMap(rule -> rule.backendRefs().stream())
                .map(
                    ref ->
                        serviceOf(
                            ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName())),
            namespace,
            name);
  }

  /** Whether any backendRef of the route names the Service {@code namespace/name}. */
  static boolean referencesService(HTTPRoute route, String namespace, String name) {
    return route.getSpec() != null
        && route.getSpec().getRules() != null
        && namesService(
            route,
            route.getSpec().getRules().stream()
                .flatMap(rule -> orEmpty(rule.getBackendRefs()).stream())
                .map(
                    ref ->
                        serviceOf(
                            ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName())),
            namespace,
            name);
  }

  /** As for an HTTPRoute. */
  static boolean referencesService(GRPCRoute route, String namespace, String name) {
    return route.getSpec() != null
        && route.getSpec().getRules() != null
        && namesService(
            route,
            route.getSpec().getRules().stream()
                .flatMap(rule -> orEmpty(rule.getBackendRefs()).stream())
                .map(
                    ref ->
                        serviceOf(
                            ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName())),
            namespace,
            name);
  }

  private static boolean namesService(
      HasMetadata route, Stream<ServiceRef> refs, String namespace, String name) {
    String routeNamespace = route.getMetadata().getNamespace();
    return refs.anyMatch(service -> service.names(routeNamespace, namespace, name));
  }

  /** The Service fields of a backendRef; {@code kind} null when it names another kind. */
  private record ServiceRef(String kind, String namespace, String name) {
    boolean names(String routeNamespace, String serviceNamespace, String service) {
      return kind != null
          && Objects.equals(service, name)
          && serviceNamespace.equals(namespace == null ? routeNamespace : namespace);
    }
  }

  private static ServiceRef serviceOf(String group, String kind, String namespace, String name) {
    boolean coreGroup = group == null || group.isEmpty();
    boolean service = kind == null || "Service".equals(kind);
    return new ServiceRef(coreGroup && service ? "Service" : null, namespace, name);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
