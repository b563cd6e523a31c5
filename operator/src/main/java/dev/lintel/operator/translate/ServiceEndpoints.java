package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Endpoint;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The ready endpoints of one Service port, read from the EndpointSlices labelled with the Service's
 * name in its namespace (what kube-proxy reads; the Service's selector is not evaluated here).
 */
final class ServiceEndpoints {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private static final Comparator<Endpoint> ORDER =
      Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port);

  private final Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();

  ServiceEndpoints(List<EndpointSlice> slices) {
    for (EndpointSlice slice : slices) {
      Map<String, String> labels = slice.getMetadata().getLabels();
      String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
      if (service != null) {
        slicesByService
            .computeIfAbsent(
                slice.getMetadata().getNamespace() + "/" + service, k -> new ArrayList<>())
            .add(slice);
      }
    }
  }

  /** Sorted and without duplicates, so that equal inputs render equal configs. */
  List<Endpoint> of(Service service, ServicePort port) {
    String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    boolean singlePort = service.getSpec().getPorts().size() == 1;
    TreeSet<Endpoint> endpoints = new TreeSet<>(ORDER);
    for (EndpointSlice slice : slicesByService.getOrDefault(key, List.of())) {
      EndpointPort slicePort = portOf(slice, port, singlePort);
      if (slicePort == null || slicePort.getPort() == null) {
        continue;
      }
      for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
        if (!isReady(endpoint)) {
          continue;
        }
        for (String address : endpoint.getAddresses()) {
          endpoints.add(new Endpoint(address, slicePort.getPort()));
        }
      }
    }
    return List.copyOf(endpoints);
  }

  /** The slice port serving {@code port}: same name; for a single-port Service, the only one. */
  private static EndpointPort portOf(EndpointSlice slice, ServicePort port, boolean singlePort) {
    String name = port.getName() == null ? "" : port.getName();
    for (EndpointPort candidate : slice.getPorts()) {
      if (Objects.equals(name, candidate.getName() == null ? "" : candidate.getName())) {
        return candidate;
      }
    }
    return singlePort && slice.getPorts().size() == 1 ? slice.getPorts().get(0) : null;
  }

  /** The EndpointSlice API: a null {@code ready} means ready. */
  private static boolean isReady(io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint) {
    return endpoint.getConditions() == null
        || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
  }
}
