package dev.lintel.operator.manifests;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.Snapshot;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts loaded objects into a {@link Snapshot} by type. Each list is ordered by kind, namespace and
 * name so that the order of files or of an informer cache never shows in the translation. Objects
 * of other types are left out.
 */
public final class SnapshotAssembler {
  private SnapshotAssembler() {}

  public static Snapshot assemble(Collection<? extends HasMetadata> objects) {
    return new Snapshot(
        select(objects, GatewayClass.class),
        select(objects, Gateway.class),
        select(objects, ListenerSet.class),
        select(objects, HTTPRoute.class),
        select(objects, GRPCRoute.class),
        select(objects, ReferenceGrant.class),
        select(objects, Service.class),
        select(objects, EndpointSlice.class),
        select(objects, Namespace.class),
        select(objects, Secret.class),
        select(objects, ConfigMap.class),
        select(objects, BackendTLSPolicy.class),
        select(objects, TLSRoute.class));
  }

  private static <T extends HasMetadata> List<T> select(
      Collection<? extends HasMetadata> objects, Class<T> type) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .sorted(Comparator.comparing(ObjectRef::of))
        .toList();
  }
}
