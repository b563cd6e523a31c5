package dev.lintel.operator.provision;

import java.util.function.IntUnaryOperator;

/**
 * Maps a Gateway listener port to the port the proxy container binds.
 *
 * <p>The proxy runs as a non-root user with every capability dropped, so it cannot bind privileged
 * ports: a listener port below 1024 is bound at {@code port + 10000} (80 becomes 10080, 443 becomes
 * 10443); any other port is bound as is. The Service keeps the listener port as its {@code port}
 * and points {@code targetPort} at the mapped one, so clients never see the difference. The proxy
 * applies the same mapping when it binds (see {@link #asOperator()}), which is why the config file
 * keeps the listener ports.
 *
 * <p>Known limit: a Gateway that listens on both {@code P} (below 1024) and {@code P + 10000} maps
 * two listeners to one container port.
 */
public final class PortMapping {
  /** Ports below this need CAP_NET_BIND_SERVICE, which the proxy does not have. */
  public static final int FIRST_UNPRIVILEGED_PORT = 1024;

  /** Added to a privileged listener port. */
  public static final int PRIVILEGED_PORT_OFFSET = 10000;

  private PortMapping() {}

  public static int containerPort(int listenerPort) {
    return listenerPort < FIRST_UNPRIVILEGED_PORT
        ? listenerPort + PRIVILEGED_PORT_OFFSET
        : listenerPort;
  }

  /** For {@code ProxyOptions.withPortMapping} in the proxy pod. */
  public static IntUnaryOperator asOperator() {
    return PortMapping::containerPort;
  }
}
