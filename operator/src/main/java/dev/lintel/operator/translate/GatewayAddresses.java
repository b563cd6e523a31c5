package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a Gateway's {@code spec.addresses} the way both shells serve it. Lintel supports the type
 * {@code IPAddress} only (an omitted type means IPAddress): in a cluster the requested IP goes to
 * the LoadBalancer Service's {@code spec.loadBalancerIP}, which is the one portable way to ask a
 * load balancer for an address; a {@code Hostname} can be asked of a load balancer only through
 * cloud-specific annotations, so it is refused like any other type. An IPAddress entry without a
 * value asks Lintel to pick the address (GatewayOptionalAddressValue).
 *
 * <p>Lintel gives a Gateway one address, as one load balancer IP: more than one requested IP is
 * accepted but not served (the shells report {@code AddressNotUsable}).
 */
public final class GatewayAddresses {
  public static final String IP_ADDRESS = "IPAddress";

  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
  private static final Pattern HEX_GROUP = Pattern.compile("^[0-9A-Fa-f]{1,4}$");

  private GatewayAddresses() {}

  /** Why the Gateway cannot be accepted for its addresses, or empty. */
  record Rejection(String reason, String message) {}

  static Optional<Rejection> rejection(Gateway gateway) {
    List<GatewaySpecAddress> addresses = addressesOf(gateway);
    for (int i = 0; i < addresses.size(); i++) {
      GatewaySpecAddress address = addresses.get(i);
      String at = "spec.addresses[" + i + "]";
      if (!isIpAddressType(address)) {
        return Optional.of(
            new Rejection(
                Reasons.UNSUPPORTED_ADDRESS,
                at
                    + ".type: "
                    + address.getType()
                    + " is not supported (supported: IPAddress; a Hostname cannot be requested"
                    + " portably from a LoadBalancer Service)"));
      }
      String value = address.getValue();
      if (value != null && !value.isEmpty() && !isIpLiteral(value)) {
        // The API server's CEL rule (isIP) would refuse it.
        return Optional.of(
            new Rejection(Reasons.INVALID, at + ".value: '" + value + "' is not an IP address"));
      }
    }
    return Optional.empty();
  }

  /**
   * The IP addresses the Gateway requests, in spec order; empty when it leaves the choice to
   * Lintel. Only meaningful for a Gateway without a {@link #rejection}.
   */
  public static List<String> requestedIps(Gateway gateway) {
    List<String> ips = new ArrayList<>();
    for (GatewaySpecAddress address : addressesOf(gateway)) {
      String value = address.getValue();
      if (isIpAddressType(address) && value != null && isIpLiteral(value)) {
        ips.add(value);
      }
    }
    return ips;
  }

  /**
   * Whether a requested address can be served at all, as one load balancer IP: the message says why
   * not, naming the field, or is empty.
   */
  public static Optional<String> servingProblem(List<String> requestedIps) {
    if (requestedIps.size() > 1) {
      return Optional.of(
          "spec.addresses requests "
              + requestedIps.size()
              + " IP addresses "
              + requestedIps
              + "; Lintel serves a Gateway on one address (one load balancer IP): keep one");
    }
    return Optional.empty();
  }

  private static boolean isIpAddressType(GatewaySpecAddress address) {
    return address.getType() == null || IP_ADDRESS.equals(address.getType());
  }

  private static List<GatewaySpecAddress> addressesOf(Gateway gateway) {
    if (gateway.getSpec() == null || gateway.getSpec().getAddresses() == null) {
      return List.of();
    }
    return gateway.getSpec().getAddresses();
  }

  /**
   * An IPv4 or IPv6 literal as Kubernetes' {@code isIP} accepts it (no zone, no brackets). Checked
   * by hand: {@code InetAddress.getByName} would look a non-literal up in DNS.
   */
  public static boolean isIpLiteral(String value) {
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    return value.contains(":") && isIpv6(value);
  }

  private static boolean isIpv6(String value) {
    String text = value;
    int groups = 0;
    int lastColon = text.lastIndexOf(':');
    String tail = text.substring(lastColon + 1);
    if (tail.contains(".")) {
      // An embedded IPv4 address counts as two groups.
      if (!IPV4.matcher(tail).matches()) {
        return false;
      }
      text = text.substring(0, lastColon + 1) + "0:0";
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] halves =
        doubleColon >= 0
            ? new String[] {text.substring(0, doubleColon), text.substring(doubleColon + 2)}
            : new String[] {text};
    for (String half : halves) {
      if (half.isEmpty()) {
        continue;
      }
      for (String group : half.split(":", -1)) {
        if (!HEX_GROUP.matcher(group).matches()) {
          return false;
        }
        groups++;
      }
    }
    return doubleColon >= 0 ? groups < 8 : groups == 8;
  }
}
