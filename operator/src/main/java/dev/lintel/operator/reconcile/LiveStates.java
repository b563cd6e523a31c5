package dev.lintel.operator.reconcile;

import dev.lintel.operator.translate.GatewayAddresses;
import dev.lintel.operator.translate.LiveState;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster says about a Gateway's data plane: {@code Programmed} needs the current config
 * published, the address the Gateway requested (if any) on its load balancer, and an available
 * proxy pod; the addresses are the Service's load-balancer ingress.
 */
final class LiveStates {
  private LiveStates() {}

  /**
   * @param requestedIps the IPs of the Gateway's {@code spec.addresses}, empty when it leaves the
   *     choice to the load balancer
   */
  static LiveState of(
      Deployment deployment, Service service, boolean configPublished, List<String> requestedIps) {
    List<String> addresses = addresses(service);
    int available = availableReplicas(deployment);
    if (!configPublished) {
      return new LiveState(false, "the proxy config is not published yet", addresses);
    }
    Optional<String> addressProblem = GatewayAddresses.servingProblem(requestedIps);
    if (addressProblem.isPresent()) {
      return LiveState.addressNotUsable(addressProblem.get(), addresses);
    }
    if (!requestedIps.isEmpty() && !addresses.containsAll(requestedIps)) {
      return LiveState.addressNotUsable(
          "spec.addresses: the load balancer has not assigned "
              + requestedIps.get(0)
              + " to Service "
              + service.getMetadata().getName()
              + " (spec.loadBalancerIP; its ingress: "
              + addresses
              + "); use an address the load balancer can give out",
          addresses);
    }
    if (available < 1) {
      return new LiveState(false, "waiting for an available proxy pod", addresses);
    }
    return new LiveState(
        true, available + " proxy pod(s) available and serving the current config", addresses);
  }

  static LiveState notServed(String message, Service service) {
    return new LiveState(false, message, addresses(service));
  }

  private static int availableReplicas(Deployment deployment) {
    if (deployment == null || deployment.getStatus() == null) {
      return 0;
    }
    Integer available = deployment.getStatus().getAvailableReplicas();
    return available == null ? 0 : available;
  }

  static List<String> addresses(Service service) {
    List<String> addresses = new ArrayList<>();
    if (service == null
        || service.getStatus() == null
        || service.getStatus().getLoadBalancer() == null
        || service.getStatus().getLoadBalancer().getIngress() == null) {
      return addresses;
    }
    for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
      if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
        addresses.add(ingress.getIp());
      } else if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
        addresses.add(ingress.getHostname());
      }
    }
    return addresses;
  }
}
