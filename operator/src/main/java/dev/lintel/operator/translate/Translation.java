package dev.lintel.operator.translate;

import dev.lintel.operator.gatewayapi.ListenerSetStatus;
import dev.lintel.proxy.config.ProxyConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus;
import java.util.SortedMap;

/**
 * The result of one translation.
 *
 * @param configs the proxy config of every Gateway Lintel serves, keyed by the Gateway
 * @param gatewayClasses status of every GatewayClass whose controllerName is Lintel's
 * @param gateways status of every Gateway of those classes, without live state ({@code Programmed}
 *     and {@code addresses} are added by the shell, see {@link LiveState})
 * @param listenerSets status of every ListenerSet whose parent is one of those Gateways, without
 *     live state ({@code Programmed} of an accepted one is added by the shell, see {@link
 *     LiveStatus})
 * @param httpRoutes status of every HTTPRoute with at least one parentRef to a Lintel Gateway (or a
 *     ListenerSet of one); only Lintel's entries in {@code status.parents}
 * @param backendTlsPolicies status of every BackendTLSPolicy that governs (or conflicts on) a
 *     Service a route of a Lintel Gateway sends to; one {@code status.ancestors} entry per such
 *     Gateway
 * @param tlsRoutes the same for TLSRoutes
 * @param grpcRoutes the same for every GRPCRoute
 */
public record Translation(
    SortedMap<ObjectRef, ProxyConfig> configs,
    SortedMap<ObjectRef, GatewayClassStatus> gatewayClasses,
    SortedMap<ObjectRef, GatewayStatus> gateways,
    SortedMap<ObjectRef, ListenerSetStatus> listenerSets,
    SortedMap<ObjectRef, HTTPRouteStatus> httpRoutes,
    SortedMap<ObjectRef, PolicyStatus> backendTlsPolicies,
    SortedMap<ObjectRef, RouteStatus> tlsRoutes,
    SortedMap<ObjectRef, GRPCRouteStatus> grpcRoutes) {}
