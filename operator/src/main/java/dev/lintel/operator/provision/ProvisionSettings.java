package dev.lintel.operator.provision;

import java.util.Objects;

/**
 * Operator-wide knobs of every provisioned proxy.
 *
 * @param proxyImage the Lintel image (the same jar runs {@code lintel proxy})
 * @param replicas proxy pods per Gateway
 * @param cpuRequest container CPU request, a Kubernetes quantity in canonical form
 * @param memoryRequest container memory request, a Kubernetes quantity in canonical form
 */
public record ProvisionSettings(
    String proxyImage, int replicas, String cpuRequest, String memoryRequest) {
  public ProvisionSettings {
    Objects.requireNonNull(proxyImage, "proxyImage");
    Objects.requireNonNull(cpuRequest, "cpuRequest");
    Objects.requireNonNull(memoryRequest, "memoryRequest");
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
    }
  }

  /** One replica with modest requests: enough for a demo, meant to be tuned. */
  public static ProvisionSettings defaults(String proxyImage) {
    return new ProvisionSettings(proxyImage, 1, "100m", "128Mi");
  }

  public ProvisionSettings withReplicas(int value) {
    return new ProvisionSettings(proxyImage, value, cpuRequest, memoryRequest);
  }
}
