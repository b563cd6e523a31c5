package dev.lintel.operator.reconcile;

import dev.lintel.operator.provision.ProvisionSettings;
import java.util.Objects;

/**
 * How the operator runs.
 *
 * @param proxyImage the image of the provisioned proxies (the Lintel image itself)
 * @param useSsa whether JOSDK may use server-side apply; false against the fabric8 mock server,
 *     which has none
 * @param namespace the only namespace whose Gateways are served, or null for all namespaces
 */
public record OperatorSettings(String proxyImage, boolean useSsa, String namespace) {
  public OperatorSettings {
    Objects.requireNonNull(proxyImage, "proxyImage");
  }

  public ProvisionSettings provisionSettings() {
    return ProvisionSettings.defaults(proxyImage);
  }
}
