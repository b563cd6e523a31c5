package dev.lintel.operator.provision;

import dev.lintel.operator.translate.GatewayAddresses;
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
 *
 * <p>An IP the Gateway requests in {@code spec.addresses} goes to {@code spec.loadBalancerIP}.
 * Kubernetes deprecated the field (its meaning varies by load balancer, and it has no dual-stack
 * form), but it is still the one portable way to ask for an address: the alternatives are
 * annotations of each cloud or of MetalLB. Whether the load balancer honoured it shows in the
 * Service's ingress, which the reconciler compares with the request.
 */
public final class ProxyServiceFactory {
  public Service create(ProxyIdentity identity) {
    List<String> requested = GatewayAddresses.requestedIps(identity.gateway());
    // Several IPs cannot be expressed in one field: none is requested, and the Gateway reports
    // AddressNotUsable (see GatewayAddresses.servingProblem).
    String loadBalancerIp = requested.size() == 1 ? requested.get(0) : null;
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
        .withLoadBalancerIP(loadBalancerIp)
        .withSelector(identity.selector())
        .withPorts(ports)
        .endSpec()
        .build();
  }
}
