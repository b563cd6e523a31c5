package dev.lintel.operator.provision;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/**
 * The LoadBalancer Service of one Gateway: one port per distinct listener port, forwarded to the
 * container port chosen by {@link PortMapping}. Its load-balancer ingress becomes the Gateway's
 * {@code status.addresses}.
 */
public final class ProxyServiceFactory {
  public Service create(ProxyIdentity identity) {
    List<ServicePort> ports =
        ListenerPorts.of(identity.gateway()).stream()
            .map(
                port ->
                    new ServicePortBuilder()
                        .withName(ListenerPorts.portName(port))
                        .withProtocol("TCP")
                        .withPort(port)
                        .withTargetPort(new IntOrString(PortMapping.containerPort(port)))
                        .build())
            .toList();
    return new ServiceBuilder()
        .withMetadata(identity.metadata())
        .withNewSpec()
        .withType("LoadBalancer")
        .withSelector(identity.selector())
        .withPorts(ports)
        .endSpec()
        .build();
  }
}
