package dev.lintel.operator.standalone;

import dev.lintel.operator.translate.GatewayAddresses;
import dev.lintel.operator.translate.ObjectRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.List;
import java.util.Optional;

/**
 * Decides the address each Gateway is served on in standalone mode, where the address is the one
 * its proxy binds: the IP its {@code spec.addresses} requests when this machine can bind it, else
 * (nothing requested) the Gateway's address from the {@code --address-pool}. Decided afresh at
 * every load from the Gateway as loaded, so its status always describes the current spec.
 */
final class GatewayAddressAssigner {
  /** Either the address to serve on, or why the Gateway gets none. */
  record Assignment(String address, String problem) {
    static Assignment of(String address) {
      return new Assignment(address, null);
    }

    static Assignment notUsable(String problem) {
      return new Assignment(null, problem);
    }

    boolean usable() {
      return address != null;
    }
  }

  private final AddressPool pool;
  private final String poolRange;

  GatewayAddressAssigner(String poolRange) {
    this.pool = AddressPool.parse(poolRange);
    this.poolRange = poolRange;
  }

  /** The address of a Gateway whose spec Lintel accepted; empty when the pool is exhausted. */
  Optional<Assignment> assign(ObjectRef ref, Gateway gateway) {
    List<String> requested = GatewayAddresses.requestedIps(gateway);
    if (requested.isEmpty()) {
      return pool.addressFor(ref.toString()).map(Assignment::of);
    }
    pool.release(ref.toString());
    for (String ip : requested) {
      Optional<String> unbindable = AddressProbe.problem(ip);
      if (unbindable.isPresent()) {
        return Optional.of(
            Assignment.notUsable(
                "spec.addresses: "
                    + ip
                    + " cannot be bound on this machine ("
                    + unbindable.get()
                    + "); request an address of a local interface, e.g. a 127.x loopback address,"
                    + " or none to get one from --address-pool"));
      }
    }
    return Optional.of(
        GatewayAddresses.servingProblem(requested)
            .map(Assignment::notUsable)
            .orElse(Assignment.of(requested.get(0))));
  }

  /** Returns a Gateway's pool address, if it had one. */
  void release(ObjectRef ref) {
    pool.release(ref.toString());
  }

  String poolRange() {
    return poolRange;
  }
}
