package dev.lintel.operator.reconcile;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.provision.ProxyIdentity;
import dev.lintel.operator.translate.Snapshot;
import dev.lintel.operator.translate.TlsSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers of the Gateway reconciler and how their events map to the Gateways they affect.
 * Simple over clever: a route maps to its parent Gateways (through a ListenerSet parentRef, the
 * ListenerSet's parent), a ListenerSet to its parent Gateway, a Service or EndpointSlice to the
 * Gateways of the routes that reference it (and a provisioned Service to its owner), everything
 * global (ReferenceGrant, Namespace, GatewayClass) to every Gateway. The same caches feed the
 * snapshot.
 */
final class GatewayEventSources {
  private static final String MANAGED =
      ProxyIdentity.LABEL_MANAGED_BY + "=" + ProxyIdentity.MANAGER;

  private final String controllerName;
  private EventSourceContext<Gateway> context;
  private InformerEventSource<HTTPRoute, Gateway> routes;
  private InformerEventSource<TLSRoute, Gateway> tlsRoutes;
  private InformerEventSource<GRPCRoute, Gateway> grpcRoutes;
  private InformerEventSource<ListenerSet, Gateway> listenerSets;
  private InformerEventSource<Service, Gateway> services;
  private InformerEventSource<EndpointSlice, Gateway> endpointSlices;
  private InformerEventSource<ReferenceGrant, Gateway> referenceGrants;
  private InformerEventSource<Secret, Gateway> secrets;
  private InformerEventSource<Namespace, Gateway> namespaces;
  private InformerEventSource<GatewayClass, Gateway> gatewayClasses;
  private InformerEventSource<ConfigMap, Gateway> configMaps;
  private InformerEventSource<ConfigMap, Gateway> caBundles;
  private InformerEventSource<Deployment, Gateway> deployments;
  private InformerEventSource<BackendTLSPolicy, Gateway> backendTlsPolicies;

  GatewayEventSources(String controllerName) {
    this.controllerName = controllerName;
  }

  List<EventSource<?, Gateway>> create(EventSourceContext<Gateway> context) {
    this.context = context;
    routes =
        informer(
            context,
            HTTPRoute.class,
            route -> GatewayRefs.gatewaysOf(route, controllerName, parents()),
            null,
            false);
    tlsRoutes =
        informer(
            context,
            TLSRoute.class,
            route -> GatewayRefs.gatewaysOf(route, controllerName, parents()),
            null,
            false);
    grpcRoutes =
        informer(
            context,
            GRPCRoute.class,
            route -> GatewayRefs.gatewaysOf(route, controllerName, parents()),
            null,
            false);
    listenerSets =
        informer(context, ListenerSet.class, GatewayEventSources::parentOfListenerSet, null, false);
    services = informer(context, Service.class, this::gatewaysOfService, null, false);
    endpointSlices = informer(context, EndpointSlice.class, this::gatewaysOfSlice, null, false);
    referenceGrants = informer(context, ReferenceGrant.class, any -> allGateways(), null, false);
    // Only certificate Secrets are cached: the operator never holds tokens or other Secrets in
    // memory (a certificateRef to a Secret of another type then reads as missing).
    secrets =
        new InformerEventSource<>(
            config(Secret.class, this::gatewaysOfSecret)
                .withFieldSelector(
                    new FieldSelector(new FieldSelector.Field("type", TlsSecrets.TYPE)))
                .build(),
            context);
    namespaces = informer(context, Namespace.class, any -> allGateways(), null, true);
    gatewayClasses = informer(context, GatewayClass.class, any -> allGateways(), null, true);
    configMaps = informer(context, ConfigMap.class, GatewayEventSources::owner, MANAGED, false);
    // Every ConfigMap: a Gateway's tls.frontend may name any as a CA bundle (a second informer of
    // the kind, apart from the one of the proxies' own ConfigMaps, hence its own name).
    caBundles =
        new InformerEventSource<>(
            config(ConfigMap.class, this::gatewaysOfCaBundle).withName("ca-bundles").build(),
            context);
    deployments = informer(context, Deployment.class, GatewayEventSources::owner, MANAGED, false);
    // Few and cheap: a change may win or lose a conflict, so every Gateway takes another look.
    backendTlsPolicies =
        informer(context, BackendTLSPolicy.class, any -> allGateways(), null, false);
    return List.of(
        routes,
        tlsRoutes,
        grpcRoutes,
        listenerSets,
        services,
        endpointSlices,
        referenceGrants,
        secrets,
        namespaces,
        gatewayClasses,
        configMaps,
        caBundles,
        deployments,
        backendTlsPolicies);
  }

  private static <R extends HasMetadata> InformerEventSource<R, Gateway> informer(
      EventSourceContext<Gateway> context,
      Class<R> type,
      SecondaryToPrimaryMapper<R> mapper,
      String labelSelector,
      boolean clusterScoped) {
    InformerEventSourceConfiguration.Builder<R> config =
        config(type, mapper).withLabelSelector(labelSelector);
    if (clusterScoped) {
      config.withWatchAllNamespaces();
    }
    return new InformerEventSource<>(config.build(), context);
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> config(
      Class<R> type, SecondaryToPrimaryMapper<R> mapper) {
    return InformerEventSourceConfiguration.from(type, Gateway.class)
        .withSecondaryToPrimaryMapper(mapper);
  }

  /** Everything the translator reads, from the informer caches. */
  Snapshot snapshot() {
    return new Snapshot(
        gatewayClasses.list().toList(),
        context.getPrimaryCache().list().toList(),
        listenerSets.list().toList(),
        routes.list().toList(),
        grpcRoutes.list().toList(),
        referenceGrants.list().toList(),
        services.list().toList(),
        endpointSlices.list().toList(),
        namespaces.list().toList(),
        secrets.list().toList(),
        caBundles(),
        backendTlsPolicies(),
        tlsRoutes.list().toList());
  }

  /** Every BackendTLSPolicy in the cache. */
  List<BackendTLSPolicy> backendTlsPolicies() {
    return backendTlsPolicies.list().toList();
  }

  /** Every ConfigMap in the cache: the translator checks CA bundles, the publisher copies them. */
  List<ConfigMap> caBundles() {
    return caBundles.list().toList();
  }

  /** Every Secret in the cache: the translator checks certificates, the publisher copies them. */
  List<Secret> secrets() {
    return secrets.list().toList();
  }

  Optional<GatewayClass> gatewayClass(String name) {
    return gatewayClasses.get(new ResourceID(name));
  }

  Optional<ConfigMap> configMap(String namespace, String name) {
    return configMaps.get(new ResourceID(name, namespace));
  }

  Optional<Deployment> deployment(String namespace, String name) {
    return deployments.get(new ResourceID(name, namespace));
  }

  Optional<Service> service(String namespace, String name) {
    return services.get(new ResourceID(name, namespace));
  }

  /**
   * Routes that name the Gateway (or one of its ListenerSets) or still carry an entry of ours for
   * it.
   */
  List<HTTPRoute> routesOf(ResourceID gateway) {
    return routes
        .list(route -> GatewayRefs.gatewaysOf(route, controllerName, parents()).contains(gateway))
        .toList();
  }

  /** The TLSRoutes that name the Gateway or still carry an entry of ours for it. */
  List<TLSRoute> tlsRoutesOf(ResourceID gateway) {
    return tlsRoutes
        .list(route -> GatewayRefs.gatewaysOf(route, controllerName, parents()).contains(gateway))
        .toList();
  }

  /** {@link #routesOf} for GRPCRoutes. */
  List<GRPCRoute> grpcRoutesOf(ResourceID gateway) {
    return grpcRoutes
        .list(route -> GatewayRefs.gatewaysOf(route, controllerName, parents()).contains(gateway))
        .toList();
  }

  /** The ListenerSets that name the Gateway as their parent. */
  List<ListenerSet> listenerSetsOf(ResourceID gateway) {
    return listenerSets.list(set -> gateway.equals(GatewayRefs.parentOf(set))).toList();
  }

  /** Resolves route parentRefs to Gateways, ListenerSets through their parent in the cache. */
  GatewayRefs.ParentResolver parents() {
    return GatewayRefs.withListenerSets(id -> listenerSets.get(id));
  }

  private static Set<ResourceID> parentOfListenerSet(ListenerSet set) {
    ResourceID parent = GatewayRefs.parentOf(set);
    return parent == null ? Set.of() : Set.of(parent);
  }

  private Set<ResourceID> gatewaysOfService(Service service) {
    Set<ResourceID> gateways =
        gatewaysOfBackend(service.getMetadata().getNamespace(), service.getMetadata().getName());
    gateways.addAll(owner(service));
    return gateways;
  }

  private Set<ResourceID> gatewaysOfSlice(EndpointSlice slice) {
    var labels = slice.getMetadata().getLabels();
    String service = labels == null ? null : labels.get("kubernetes.io/service-name");
    return service == null
        ? Set.of()
        : gatewaysOfBackend(slice.getMetadata().getNamespace(), service);
  }

  private Set<ResourceID> gatewaysOfBackend(String namespace, String name) {
    Set<ResourceID> gateways =
        routes
            .list(route -> GatewayRefs.referencesService(route, namespace, name))
            .flatMap(route -> GatewayRefs.gatewaysOf(route, controllerName, parents()).stream())
            .collect(Collectors.toCollection(HashSet::new));
    tlsRoutes
        .list(route -> GatewayRefs.referencesService(route, namespace, name))
        .forEach(
            route -> gateways.addAll(GatewayRefs.gatewaysOf(route, controllerName, parents())));
    grpcRoutes
        .list(route -> GatewayRefs.referencesService(route, namespace, name))
        .forEach(
            route -> gateways.addAll(GatewayRefs.gatewaysOf(route, controllerName, parents())));
    return gateways;
  }

  /**
   * The Gateways whose listeners name the Secret as a certificate, or whose {@code tls.backend}
   * names it as client certificate (in any namespace).
   */
  private Set<ResourceID> gatewaysOfSecret(Secret secret) {
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    return context
        .getPrimaryCache()
        .list(gateway -> namesCertificate(gateway, namespace, name))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * The Gateways whose {@code tls.frontend} names the ConfigMap as a CA bundle, and those that
   * route to a Service whose BackendTLSPolicy names it.
   */
  private Set<ResourceID> gatewaysOfCaBundle(ConfigMap configMap) {
    String namespace = configMap.getMetadata().getNamespace();
    String name = configMap.getMetadata().getName();
    Set<ResourceID> gateways =
        context
            .getPrimaryCache()
            .list(gateway -> namesCaBundle(gateway, namespace, name))
            .map(ResourceID::fromResource)
            .collect(Collectors.toCollection(HashSet::new));
    if (backendTlsPolicies != null) {
      backendTlsPolicies
          .list(namespace, policy -> namesCaBundle(policy, name))
          .forEach(policy -> gateways.addAll(gatewaysOfPolicyTargets(policy)));
    }
    return gateways;
  }

  private static boolean namesCaBundle(BackendTLSPolicy policy, String name) {
    return policy.getSpec() != null
        && policy.getSpec().getValidation() != null
        && policy.getSpec().getValidation().getCaCertificateRefs() != null
        && policy.getSpec().getValidation().getCaCertificateRefs().stream()
            .anyMatch(ref -> name.equals(ref.getName()));
  }

  /** The Gateways of the routes that send to a Service the policy targets. */
  private Set<ResourceID> gatewaysOfPolicyTargets(BackendTLSPolicy policy) {
    Set<ResourceID> gateways = new HashSet<>();
    if (policy.getSpec() != null && policy.getSpec().getTargetRefs() != null) {
      for (var target : policy.getSpec().getTargetRefs()) {
        gateways.addAll(gatewaysOfBackend(policy.getMetadata().getNamespace(), target.getName()));
      }
    }
    return gateways;
  }

  private static boolean namesCaBundle(Gateway gateway, String namespace, String name) {
    if (gateway.getSpec() == null
        || gateway.getSpec().getTls() == null
        || gateway.getSpec().getTls().getFrontend() == null) {
      return false;
    }
    FrontendTLSConfig frontend = gateway.getSpec().getTls().getFrontend();
    List<TLSConfig> configs = new ArrayList<>();
    configs.add(frontend.getDefault());
    if (frontend.getPerPort() != null) {
      frontend.getPerPort().forEach(port -> configs.add(port.getTls()));
    }
    for (TLSConfig config : configs) {
      if (config == null
          || config.getValidation() == null
          || config.getValidation().getCaCertificateRefs() == null) {
        continue;
      }
      for (ObjectReference ref : config.getValidation().getCaCertificateRefs()) {
        String refNamespace =
            ref.getNamespace() == null ? gateway.getMetadata().getNamespace() : ref.getNamespace();
        if (name.equals(ref.getName()) && namespace.equals(refNamespace)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean namesCertificate(Gateway gateway, String namespace, String name) {
    if (gateway.getSpec() == null) {
      return false;
    }
    if (gateway.getSpec().getTls() != null
        && gateway.getSpec().getTls().getBackend() != null
        && gateway.getSpec().getTls().getBackend().getClientCertificateRef() != null) {
      SecretObjectReference client =
          gateway.getSpec().getTls().getBackend().getClientCertificateRef();
      String clientNamespace =
          client.getNamespace() == null
              ? gateway.getMetadata().getNamespace()
              : client.getNamespace();
      if (name.equals(client.getName()) && namespace.equals(clientNamespace)) {
        return true;
      }
    }
    if (gateway.getSpec().getListeners() == null) {
      return false;
    }
    for (Listener listener : gateway.getSpec().getListeners()) {
      if (listener.getTls() == null || listener.getTls().getCertificateRefs() == null) {
        continue;
      }
      for (SecretObjectReference ref : listener.getTls().getCertificateRefs()) {
        String refNamespace =
            ref.getNamespace() == null ? gateway.getMetadata().getNamespace() : ref.getNamespace();
        if (name.equals(ref.getName()) && namespace.equals(refNamespace)) {
          return true;
        }
      }
    }
    return false;
  }

  private Set<ResourceID> allGateways() {
    return context
        .getPrimaryCache()
        .list()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Set<ResourceID> owner(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Set.of();
    }
    return owners.stream()
        .filter(o -> "Gateway".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
        .filter(
            o ->
                o.getApiVersion() != null
                    && o.getApiVersion().startsWith(GatewayRefs.GATEWAY_GROUP + "/"))
        .map(o -> new ResourceID(o.getName(), object.getMetadata().getNamespace()))
        .collect(Collectors.toSet());
  }
}
