package dev.lintel.operator.reconcile;

import dev.lintel.operator.provision.GatewayProvisioner;
import dev.lintel.operator.provision.ProvisionedObjects;
import dev.lintel.operator.provision.ProxyIdentity;
import dev.lintel.operator.translate.CaBundles;
import dev.lintel.operator.translate.GatewayAddresses;
import dev.lintel.operator.translate.LiveState;
import dev.lintel.operator.translate.TlsSecrets;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.templates.ConfigRenderer;
import dev.lintel.templates.RenderException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one Gateway's data plane: renders its config (through the round-trip gate), writes the
 * provisioned objects, and reports the live state the Gateway's {@code Programmed} condition is
 * made of. A config the renderer rejects is never published; the proxy keeps serving the previous
 * one.
 */
final class ProxyPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyPublisher.class);

  private final KubernetesClient client;
  private final GatewayProvisioner provisioner;
  private final ConfigRenderer renderer = new ConfigRenderer();
  private final OwnedResourceWriter writer;

  ProxyPublisher(KubernetesClient client, GatewayProvisioner provisioner) {
    this.client = client;
    this.provisioner = provisioner;
    this.writer = new OwnedResourceWriter(client);
  }

  LiveState publish(Gateway gateway, ProxyConfig config, GatewayEventSources caches) {
    String namespace = gateway.getMetadata().getNamespace();
    String name = ProxyIdentity.objectName(gateway.getMetadata().getName());
    Service liveService = caches.service(namespace, name).orElse(null);
    if (config == null) {
      return LiveStates.notServed("the Gateway has no config to serve", liveService);
    }
    String text;
    try {
      text = renderer.render(config);
    } catch (RenderException e) {
      LOG.warn(
          "Gateway {}/{}: config not published: {}",
          namespace,
          gateway.getMetadata().getName(),
          e.getMessage());
      return LiveStates.notServed("config not published: " + e.getMessage(), liveService);
    }
    ProvisionedObjects desired =
        provisioner.desired(
            gateway,
            text,
            TlsSecrets.forConfig(config, caches.secrets()),
            CaBundles.forConfig(config, caches.caBundles()));
    try {
      ConfigMap configMap =
          writer.apply(desired.configMap(), caches.configMap(namespace, name).orElse(null));
      writer.apply(desired.certificates(), get(Secret.class, namespace, name));
      writer.apply(desired.serviceAccount(), get(ServiceAccount.class, namespace, name));
      writer.apply(desired.role(), get(Role.class, namespace, name));
      writer.apply(desired.roleBinding(), get(RoleBinding.class, namespace, name));
      Deployment deployment =
          writer.apply(desired.deployment(), caches.deployment(namespace, name).orElse(null));
      Service service = writer.apply(desired.service(), liveService);
      boolean published =
          Objects.equals(configMap.getData(), desired.configMap().getData())
              && Objects.equals(configMap.getBinaryData(), desired.configMap().getBinaryData());
      return LiveStates.of(deployment, service, published, GatewayAddresses.requestedIps(gateway));
    } catch (OwnedResourceWriter.NameTakenException e) {
      return LiveStates.notServed(e.getMessage(), null);
    }
  }

  /** The kinds without an informer of their own copies: a GET each, four small objects. */
  private <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }
}
