package dev.lintel.operator.provision;

import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.CertificatePem;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.Map;

/**
 * Turns one Gateway (a provisioning request) and its rendered config into the objects of its
 * dedicated proxy. Pure and deterministic: same input, same objects, so the reconciler can compare
 * them with what the cluster holds.
 */
public final class GatewayProvisioner {
  private final ProvisionSettings settings;
  private final ProxyConfigMapFactory configMaps = new ProxyConfigMapFactory();
  private final ProxyCertificateSecretFactory certificateSecrets =
      new ProxyCertificateSecretFactory();
  private final ProxyRbacFactory rbac = new ProxyRbacFactory();
  private final ProxyDeploymentFactory deployments = new ProxyDeploymentFactory();
  private final ProxyServiceFactory services = new ProxyServiceFactory();

  public GatewayProvisioner(ProvisionSettings settings) {
    this.settings = settings;
  }

  /**
   * @param gateway must carry its uid (the owner references need it)
   * @param configText the rendered config, already through the renderer's round-trip gate
   */
  public ProvisionedObjects desired(Gateway gateway, String configText) {
    return desired(gateway, configText, Map.of());
  }

  /**
   * @param certificates the material of exactly the certificates the config names, by reference
   */
  public ProvisionedObjects desired(
      Gateway gateway, String configText, Map<String, CertificatePem> certificates) {
    return desired(gateway, configText, certificates, Map.of());
  }

  /**
   * @param certificates the material of exactly the certificates the config names, by reference
   * @param caBundles the CA bundles of exactly the client validations the config names, likewise
   */
  public ProvisionedObjects desired(
      Gateway gateway,
      String configText,
      Map<String, CertificatePem> certificates,
      Map<String, CaBundlePem> caBundles) {
    ProxyIdentity identity = new ProxyIdentity(gateway);
    return new ProvisionedObjects(
        configMaps.create(identity, configText),
        certificateSecrets.create(identity, certificates, caBundles),
        rbac.serviceAccount(identity),
        rbac.role(identity),
        rbac.roleBinding(identity),
        deployments.create(identity, settings),
        services.create(identity));
  }
}
