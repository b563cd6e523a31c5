package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.TLSRoute;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.util.List;

/**
 * Every input of one translation, as plain objects: what the reconcilers (cluster) or the manifest
 * directory (standalone) hold at one moment. The translator reads nothing else.
 *
 * @param grpcRoutes the GRPCRoutes, translated like HTTPRoutes (see {@code GrpcRouteConverter})
 * @param secrets the Secrets listeners may reference as certificates ({@code kubernetes.io/tls}
 *     ones; others are reported as the wrong type)
 * @param configMaps the ConfigMaps Gateways may reference as CA bundles ({@code ca.crt}) for client
 *     certificate validation, and BackendTLSPolicies for their backends' certificates
 * @param backendTlsPolicies the BackendTLSPolicies (TLS from the proxies to Services)
 * @param tlsRoutes the TLSRoutes ({@code gateway.networking.k8s.io/v1})
 */
public record Snapshot(
    List<GatewayClass> gatewayClasses,
    List<Gateway> gateways,
    List<ListenerSet> listenerSets,
    List<HTTPRoute> httpRoutes,
    List<GRPCRoute> grpcRoutes,
    List<ReferenceGrant> referenceGrants,
    List<Service> services,
    List<EndpointSlice> endpointSlices,
    List<Namespace> namespaces,
    List<Secret> secrets,
    List<ConfigMap> configMaps,
    List<BackendTLSPolicy> backendTlsPolicies,
    List<TLSRoute> tlsRoutes) {
  public Snapshot {
    gatewayClasses = List.copyOf(gatewayClasses);
    gateways = List.copyOf(gateways);
    listenerSets = List.copyOf(listenerSets);
    httpRoutes = List.copyOf(httpRoutes);
    grpcRoutes = List.copyOf(grpcRoutes);
    referenceGrants = List.copyOf(referenceGrants);
    services = List.copyOf(services);
    endpointSlices = List.copyOf(endpointSlices);
    namespaces = List.copyOf(namespaces);
    secrets = List.copyOf(secrets);
    configMaps = List.copyOf(configMaps);
    backendTlsPolicies = List.copyOf(backendTlsPolicies);
    tlsRoutes = List.copyOf(tlsRoutes);
  }

  /** A snapshot without GRPCRoutes, TLSRoutes and BackendTLSPolicies (backends in clear text). */
  public Snapshot(
      List<GatewayClass> gatewayClasses,
      List<Gateway> gateways,
      List<ListenerSet> listenerSets,
      List<HTTPRoute> httpRoutes,
      List<ReferenceGrant> referenceGrants,
      List<Service> services,
      List<EndpointSlice> endpointSlices,
      List<Namespace> namespaces,
      List<Secret> secrets,
      List<ConfigMap> configMaps) {
    this(
        gatewayClasses,
        gateways,
        listenerSets,
        httpRoutes,
        List.of(),
        referenceGrants,
        services,
        endpointSlices,
        namespaces,
        secrets,
        configMaps,
        List.of(),
        List.of());
  }

  /**
   * A snapshot without GRPCRoutes, Secrets and ConfigMaps: every certificateRef and
   * caCertificateRef is then reported as missing.
   */
  public Snapshot(
      List<GatewayClass> gatewayClasses,
      List<Gateway> gateways,
      List<ListenerSet> listenerSets,
      List<HTTPRoute> httpRoutes,
      List<ReferenceGrant> referenceGrants,
      List<Service> services,
      List<EndpointSlice> endpointSlices,
      List<Namespace> namespaces) {
    this(
        gatewayClasses,
        gateways,
        listenerSets,
        httpRoutes,
        referenceGrants,
        services,
        endpointSlices,
        namespaces,
        List.of(),
        List.of());
  }
}
