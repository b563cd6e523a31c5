package dev.lintel.operator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.tls.CertificatePem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructureBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddressBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GatewayProvisionerTest {
  private static final String CONFIG =
      "version: 1\ngateway: apps/web\nlisteners:\n- name: http\n  port: 80\n  protocol: HTTP\n"
          + "  tls: []\n  clientValidation: null\n  tlsListeners: []\n  virtualHosts: []\n";

  /** Fake material: the provisioner copies it as it is, checking is the translator's job. */
  private static final Map<String, CertificatePem> CERTIFICATES =
      Map.of("certs/site", new CertificatePem("CERTIFICATE PEM", "KEY PEM"));

  private static final ProvisionSettings SETTINGS =
      ProvisionSettings.defaults("ghcr.io/lintel-dev/lintel:0.1.0");
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @Test
  void singleHttpListener() throws IOException {
    Gateway gateway = gateway("apps", "web", listener("http", 80));
    golden("single-http-listener", new GatewayProvisioner(SETTINGS).desired(gateway, CONFIG));
  }

  @Test
  void sharedPrivilegedAndHighPorts() throws IOException {
    Gateway gateway =
        gateway(
            "edge",
            "public",
            listener("http-a", 80),
            listener("http-b", 80),
            listener("alt", 8080),
            listener("https", 443));
    ProvisionSettings settings =
        new ProvisionSettings("registry.example/lintel:dev", 3, "250m", "256Mi");
    golden(
        "shared-privileged-and-high-ports",
        new GatewayProvisioner(settings).desired(gateway, CONFIG, CERTIFICATES));
  }

  @Test
  void longDottedGatewayName() throws IOException {
    String name = "gateway.for-the-payments-team.example.com-with-a-name-over-sixty-three-chars";
    Gateway gateway = gateway("payments", name, listener("http", 80));
    golden("long-dotted-gateway-name", new GatewayProvisioner(SETTINGS).desired(gateway, CONFIG));
  }

  /** Gateway API conformance GatewayStaticAddresses, in a cluster: the IP goes to the Service. */
  @Test
  void staticAddress() throws IOException {
    Gateway gateway = gateway("apps", "web", listener("http", 80));
    gateway
        .getSpec()
        .setAddresses(
            List.of(
                new GatewaySpecAddressBuilder()
                    .withType("IPAddress")
                    .withValue("203.0.113.20")
                    .build()));
    ProvisionedObjects objects = new GatewayProvisioner(SETTINGS).desired(gateway, CONFIG);
    assertThat(objects.service().getSpec().getLoadBalancerIP()).isEqualTo("203.0.113.20");
    golden("static-address", objects);
  }

  @Test
  void noLoadBalancerIpWithoutOneRequestedIp() {
    Gateway none = gateway("apps", "web", listener("http", 80));
    Gateway two = gateway("apps", "web", listener("http", 80));
    two.getSpec()
        .setAddresses(
            List.of(
                new GatewaySpecAddressBuilder().withValue("203.0.113.20").build(),
                new GatewaySpecAddressBuilder().withValue("203.0.113.21").build()));
    Gateway anyIp = gateway("apps", "web", listener("http", 80));
    anyIp
        .getSpec()
        .setAddresses(List.of(new GatewaySpecAddressBuilder().withType("IPAddress").build()));
    for (Gateway gateway : List.of(none, two, anyIp)) {
      assertThat(
              new GatewayProvisioner(SETTINGS)
                  .desired(gateway, CONFIG)
                  .service()
                  .getSpec()
                  .getLoadBalancerIP())
          .as("%s", gateway.getSpec().getAddresses())
          .isNull();
    }
  }

  @Test
  void everyObjectIsNamedLabelledAndOwnedByTheGateway() {
    Gateway gateway = gateway("apps", "web", listener("http", 80));
    ProvisionedObjects objects = new GatewayProvisioner(SETTINGS).desired(gateway, CONFIG);
    assertThat(objects.all()).hasSize(7);
    for (HasMetadata object : objects.all()) {
      assertThat(object.getMetadata().getName()).isEqualTo("lintel-web");
      assertThat(object.getMetadata().getNamespace()).isEqualTo("apps");
      assertThat(object.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/name", "lintel-proxy")
          .containsEntry("app.kubernetes.io/managed-by", "lintel")
          .containsEntry("gateway.networking.k8s.io/gateway-name", "web");
      OwnerReference owner = object.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getKind()).isEqualTo("Gateway");
      assertThat(owner.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
      assertThat(owner.getUid()).isEqualTo("uid-web");
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
    }
  }

  /** Gateway API conformance GatewayInfrastructure, in the provisioner's terms. */
  @Test
  void infrastructureLabelsAndAnnotationsReachEveryProvisionedObjectAndThePods() {
    Gateway gateway = gateway("apps", "web", listener("http", 80));
    gateway
        .getSpec()
        .setInfrastructure(
            new GatewayInfrastructureBuilder()
                .withLabels(
                    Map.of(
                        "team",
                        "payments",
                        "app.kubernetes.io/name",
                        "cannot-replace-the-selector"))
                .withAnnotations(Map.of("example.com/owner", "payments@example.com"))
                .build());
    ProvisionedObjects objects = new GatewayProvisioner(SETTINGS).desired(gateway, CONFIG);
    for (HasMetadata object : objects.all()) {
      assertThat(object.getMetadata().getLabels())
          .as(object.getKind())
          .containsEntry("team", "payments")
          .containsEntry("app.kubernetes.io/name", "lintel-proxy");
      assertThat(object.getMetadata().getAnnotations())
          .as(object.getKind())
          .containsEntry("example.com/owner", "payments@example.com");
    }
    var pods = objects.deployment().getSpec().getTemplate().getMetadata();
    assertThat(pods.getLabels()).containsEntry("team", "payments");
    assertThat(pods.getAnnotations()).containsEntry("example.com/owner", "payments@example.com");
    assertThat(objects.deployment().getSpec().getSelector().getMatchLabels())
        .doesNotContainKey("team");
  }

  @Test
  void proxyRoleReadsOnlyItsOwnConfigMapAndCertificateSecret() {
    ProvisionedObjects objects =
        new GatewayProvisioner(SETTINGS)
            .desired(gateway("apps", "web", listener("http", 80)), CONFIG);
    assertThat(objects.role().getRules())
        .extracting(
            rule ->
                rule.getApiGroups()
                    + " "
                    + rule.getResources()
                    + " "
                    + rule.getResourceNames()
                    + " "
                    + rule.getVerbs())
        .containsExactly(
            "[] [configmaps] [lintel-web] [get, list, watch]",
            "[] [secrets] [lintel-web] [get, list, watch]");
    assertThat(objects.configMap().getMetadata().getName()).isEqualTo("lintel-web");
    assertThat(objects.certificates().getMetadata().getName()).isEqualTo("lintel-web");
    assertThat(objects.roleBinding().getSubjects().get(0).getName())
        .isEqualTo(objects.serviceAccount().getMetadata().getName());
    assertThat(objects.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(objects.serviceAccount().getMetadata().getName());
  }

  @Test
  void certificatesReachTheProxyAsFilesOfItsOwnSecretWhichChangesDoNotRestartPods() {
    GatewayProvisioner provisioner = new GatewayProvisioner(SETTINGS);
    Gateway gateway = gateway("apps", "web", listener("https", 443));
    ProvisionedObjects objects = provisioner.desired(gateway, CONFIG, CERTIFICATES);

    assertThat(objects.certificates().getData())
        .containsOnlyKeys("certs_site.crt", "certs_site.key")
        .containsEntry("certs_site.crt", base64("CERTIFICATE PEM"))
        .containsEntry("certs_site.key", base64("KEY PEM"));
    var pod = objects.deployment().getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getArgs())
        .containsSubsequence("--certs", ProxyDeploymentFactory.CERTIFICATES_MOUNT_PATH);
    assertThat(pod.getVolumes())
        .filteredOn(volume -> volume.getSecret() != null)
        .extracting(volume -> volume.getSecret().getSecretName())
        .containsExactly(objects.certificates().getMetadata().getName());
    // The proxy polls the mounted files: a rotated certificate changes the Secret, not the pods.
    assertThat(provisioner.desired(gateway, CONFIG).deployment()).isEqualTo(objects.deployment());
    assertThat(provisioner.desired(gateway, CONFIG).certificates().getData()).isEmpty();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void podTemplateCarriesNoConfigHashSoConfigChangesDoNotRestartPods() {
    GatewayProvisioner provisioner = new GatewayProvisioner(SETTINGS);
    Gateway gateway = gateway("apps", "web", listener("http", 80));
    Deployment before = provisioner.desired(gateway, CONFIG).deployment();
    Deployment after = provisioner.desired(gateway, CONFIG.replace("web", "other")).deployment();
    assertThat(after).isEqualTo(before);
    assertThat(before.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void serviceForwardsEachDistinctListenerPortToItsMappedContainerPort() {
    Gateway gateway =
        gateway("apps", "web", listener("a", 80), listener("b", 80), listener("c", 8443));
    ProvisionedObjects objects = new GatewayProvisioner(SETTINGS).desired(gateway, CONFIG);
    assertThat(objects.service().getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(objects.service().getSpec().getPorts())
        .extracting(p -> p.getPort() + "->" + p.getTargetPort().getIntVal())
        .containsExactly("80->10080", "8443->8443");
    assertThat(
            objects
                .deployment()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("port-80=10080", "port-8443=8443", "admin=9901");
    assertThat(objects.service().getSpec().getPorts().get(0).getTargetPort())
        .isEqualTo(new IntOrString(10080));
  }

  @Test
  void smallConfigIsPlainText() {
    ConfigMap map = new ProxyConfigMapFactory().create(identity(), CONFIG);
    assertThat(map.getData()).containsOnlyKeys("config.yaml").containsEntry("config.yaml", CONFIG);
    assertThat(map.getBinaryData()).isNullOrEmpty();
  }

  @Test
  void configAtTheThresholdStaysPlainAndAboveItIsGzipped() throws IOException {
    String atLimit = "#".repeat(ProxyConfigMapFactory.GZIP_THRESHOLD_BYTES);
    assertThat(new ProxyConfigMapFactory().create(identity(), atLimit).getData())
        .containsKey("config.yaml");

    String large = "x: \u00e9\n".repeat(ProxyConfigMapFactory.GZIP_THRESHOLD_BYTES / 5);
    assertThat(large.getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(ProxyConfigMapFactory.GZIP_THRESHOLD_BYTES);
    ConfigMap map = new ProxyConfigMapFactory().create(identity(), large);
    assertThat(map.getData()).isNullOrEmpty();
    assertThat(map.getBinaryData()).containsOnlyKeys("config.yaml.gz");
    byte[] gz = Base64.getDecoder().decode(map.getBinaryData().get("config.yaml.gz"));
    assertThat(gz.length).isLessThan(1024 * 1024 / 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(large);
    }
  }

  private static ProxyIdentity identity() {
    return new ProxyIdentity(gateway("apps", "web", listener("http", 80)));
  }

  static Gateway gateway(String namespace, String name, Listener... listeners) {
    return new GatewayBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid("uid-" + name)
        .endMetadata()
        .withNewSpec()
        .withGatewayClassName("lintel")
        .withListeners(listeners)
        .endSpec()
        .build();
  }

  static Listener listener(String name, int port) {
    return new ListenerBuilder().withName(name).withPort(port).withProtocol("HTTP").build();
  }

  private static void golden(String name, ProvisionedObjects objects) throws IOException {
    String yaml = objects.all().stream().map(YAML::asYaml).collect(Collectors.joining());
    Golden.assertMatches("provision/" + name + ".yaml", yaml);
  }
}
