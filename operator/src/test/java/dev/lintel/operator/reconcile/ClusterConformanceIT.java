package dev.lintel.operator.reconcile;

import static dev.lintel.operator.reconcile.MockApiOperator.assertCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests that need an API server rather than standalone mode: what they check
 * lives in provisioned objects or in CRDs. The real operator runs against the fabric8 mock API
 * server in CRUD mode, which runs no controllers: the test plays the Deployment controller and the
 * load balancer by writing their status. Each method is named after the upstream test's ShortName.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterConformanceIT {
  private static final Duration TIMEOUT = MockApiOperator.TIMEOUT;
  private static final String NS = "gateway-conformance-infra";
  private static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
  private static final String BUNDLE_VERSION = "gateway.networking.k8s.io/bundle-version";
  private static final String GATEWAY_CLASS_CRD = "gatewayclasses.gateway.networking.k8s.io";

  KubernetesClient client;
  private LintelOperator operator;

  @BeforeEach
  void startOperator() {
    operator = MockApiOperator.start(client);
    create(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: gateway-conformance-infra
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: gateway-conformance
        spec:
          controllerName: lintel.dev/gateway-controller
        """);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  /**
   * The Gateway's {@code spec.infrastructure} labels and annotations are on what Lintel creates for
   * it. Upstream lists the ServiceAccounts, Pods and Services carrying the gateway-name label; the
   * mock server runs no ReplicaSet controller, so the pods are checked in the Deployment's pod
   * template they would be created from.
   */
  @Test
  void GatewayInfrastructure() {
    String name = "gateway-with-infrastructure-metadata";
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: gateway-with-infrastructure-metadata
          namespace: gateway-conformance-infra
        spec:
          gatewayClassName: gateway-conformance
          infrastructure:
            labels:
              gateway-conformance: infrastructure
            annotations:
              gateway-conformance: infrastructure
              example.com/owner: payments
          listeners:
            - name: http
              port: 80
              protocol: HTTP
        """);
    Map<String, String> labels = Map.of("gateway-conformance", "infrastructure");
    Map<String, String> annotations =
        Map.of("gateway-conformance", "infrastructure", "example.com/owner", "payments");

    awaitGateway(
        name,
        gateway -> {
          assertLatestConditions(gateway);
          assertCondition(gateway.getStatus().getConditions(), "Accepted", "True", null);
        });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              List<ServiceAccount> accounts = labelled(ServiceAccount.class, name);
              List<Service> services = labelled(Service.class, name);
              List<Deployment> deployments = labelled(Deployment.class, name);
              assertThat(accounts).hasSize(1);
              assertThat(services).hasSize(1);
              assertThat(deployments).hasSize(1);
              for (ObjectMeta metadata :
                  List.of(
                      accounts.get(0).getMetadata(),
                      services.get(0).getMetadata(),
                      deployments.get(0).getSpec().getTemplate().getMetadata())) {
                assertThat(metadata.getLabels()).containsAllEntriesOf(labels);
                assertThat(metadata.getAnnotations()).containsAllEntriesOf(annotations);
              }
            });

    // Upstream's earlier form of this test (GatewayInfraMetadata) also wants it Programmed.
    makeAvailable(name);
    awaitGateway(
        name,
        gateway -> {
          assertLatestConditions(gateway);
          assertCondition(gateway.getStatus().getConditions(), "Programmed", "True", "Programmed");
        });
  }

  /**
   * The cluster side of the standalone scenario of the same name: the requested IP goes to the
   * Service's {@code spec.loadBalancerIP}, and the Gateway is Programmed only once the load
   * balancer reports that IP.
   */
  @Test
  void GatewayStaticAddresses() {
    String name = "gateway-static-addresses";
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: gateway-static-addresses
          namespace: gateway-conformance-infra
        spec:
          gatewayClassName: gateway-conformance
          addresses:
            - type: test/fake-invalid-type
              value: "fake address teehee!"
            - type: IPAddress
              value: 203.0.113.99
            - type: IPAddress
              value: 203.0.113.20
          listeners:
            - name: http
              port: 8080
              protocol: HTTP
        """);
    awaitGateway(
        name,
        gateway -> {
          assertLatestConditions(gateway);
          assertCondition(
              gateway.getStatus().getConditions(), "Accepted", "False", "UnsupportedAddress");
        });

    setAddresses(name, address("203.0.113.99"), address("203.0.113.20"));
    makeAvailable(name);
    awaitGateway(
        name,
        gateway -> {
          assertLatestConditions(gateway);
          assertCondition(gateway.getStatus().getConditions(), "Accepted", "True", "Accepted");
          assertCondition(
              gateway.getStatus().getConditions(), "Programmed", "False", "AddressNotUsable");
        });

    setAddresses(name, address("203.0.113.20"));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(get(Service.class, "lintel-" + name).getSpec().getLoadBalancerIP())
                    .isEqualTo("203.0.113.20"));
    awaitGateway(
        name,
        gateway -> {
          assertLatestConditions(gateway);
          assertCondition(
              gateway.getStatus().getConditions(), "Programmed", "False", "AddressNotUsable");
        });

    // The load balancer assigns the requested IP.
    Service service = get(Service.class, "lintel-" + name);
    service.setStatus(
        new ServiceStatusBuilder()
            .withNewLoadBalancer()
            .withIngress(new LoadBalancerIngressBuilder().withIp("203.0.113.20").build())
            .endLoadBalancer()
            .build());
    client.resource(service).updateStatus();
    awaitGateway(
        name,
        gateway -> {
          assertLatestConditions(gateway);
          assertCondition(gateway.getStatus().getConditions(), "Accepted", "True", "Accepted");
          assertCondition(gateway.getStatus().getConditions(), "Programmed", "True", "Programmed");
          assertThat(gateway.getStatus().getAddresses())
              .extracting(a -> a.getType() + "=" + a.getValue())
              .containsExactly("IPAddress=203.0.113.20");
        });
  }

  /**
   * SupportedVersion follows the bundle-version annotation of the GatewayClass CRD as upstream
   * edits it: removed (False), the supported version (True), v0.0.0 (False), back (True). Accepted
   * stays True throughout: Lintel serves unsupported versions with best effort.
   */
  @Test
  void GatewayClassSupportedVersionCondition() {
    create(
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gatewayclasses.gateway.networking.k8s.io
          annotations:
            gateway.networking.k8s.io/bundle-version: v1.6.1
            gateway.networking.k8s.io/channel: standard
        spec:
          group: gateway.networking.k8s.io
          scope: Cluster
          names:
            kind: GatewayClass
            plural: gatewayclasses
            singular: gatewayclass
            listKind: GatewayClassList
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: gatewayclass-supported-version-condition
        spec:
          controllerName: lintel.dev/gateway-controller
        """);
    awaitSupportedVersion("True", "SupportedVersion");

    editCrdAnnotations(annotations -> annotations.remove(BUNDLE_VERSION));
    awaitSupportedVersion("False", "UnsupportedVersion");

    editCrdAnnotations(annotations -> annotations.put(BUNDLE_VERSION, "v1.6.1"));
    awaitSupportedVersion("True", "SupportedVersion");

    editCrdAnnotations(annotations -> annotations.put(BUNDLE_VERSION, "v0.0.0"));
    awaitSupportedVersion("False", "UnsupportedVersion");
    GatewayClass unsupported =
        client
            .resources(GatewayClass.class)
            .withName("gatewayclass-supported-version-condition")
            .get();
    assertThat(
            unsupported.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("SupportedVersion"))
                .findFirst()
                .orElseThrow()
                .getMessage())
        .contains(GATEWAY_CLASS_CRD + " is at v0.0.0")
        .contains("v1.6");

    editCrdAnnotations(annotations -> annotations.put(BUNDLE_VERSION, "v1.6.1"));
    awaitSupportedVersion("True", "SupportedVersion");
  }

  private void awaitSupportedVersion(String status, String reason) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              GatewayClass gatewayClass =
                  client
                      .resources(GatewayClass.class)
                      .withName("gatewayclass-supported-version-condition")
                      .get();
              assertThat(gatewayClass.getStatus()).isNotNull();
              List<Condition> conditions = gatewayClass.getStatus().getConditions();
              assertCondition(conditions, "Accepted", "True", "Accepted");
              assertCondition(conditions, "SupportedVersion", status, reason);
              for (Condition condition : conditions) {
                assertThat(condition.getObservedGeneration())
                    .isEqualTo(gatewayClass.getMetadata().getGeneration());
              }
            });
  }

  private void editCrdAnnotations(Consumer<Map<String, String>> change) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(GATEWAY_CLASS_CRD).get();
    change.accept(crd.getMetadata().getAnnotations());
    client.resource(crd).update();
  }

  private void setAddresses(String gateway, GatewaySpecAddress... addresses) {
    Gateway live = client.resources(Gateway.class).inNamespace(NS).withName(gateway).get();
    live.getSpec().setAddresses(List.of(addresses));
    client.resource(live).update();
  }

  private static GatewaySpecAddress address(String ip) {
    return new GatewaySpecAddressBuilder().withType("IPAddress").withValue(ip).build();
  }

  /** What the Deployment controller would report once a proxy pod is ready. */
  private void makeAvailable(String gateway) {
    Deployment deployment =
        await()
            .atMost(TIMEOUT)
            .until(() -> get(Deployment.class, "lintel-" + gateway), d -> d != null);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    client.resource(deployment).updateStatus();
  }

  private void awaitGateway(String name, Consumer<Gateway> check) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Gateway gateway =
                  client.resources(Gateway.class).inNamespace(NS).withName(name).get();
              assertThat(gateway.getStatus()).isNotNull();
              check.accept(gateway);
            });
  }

  /** Upstream's GatewayMustHaveLatestConditions. */
  private static void assertLatestConditions(Gateway gateway) {
    assertThat(gateway.getStatus().getConditions()).isNotEmpty();
    for (Condition condition : gateway.getStatus().getConditions()) {
      assertThat(condition.getObservedGeneration())
          .as("observedGeneration of %s", condition.getType())
          .isEqualTo(gateway.getMetadata().getGeneration());
    }
  }

  private <T extends HasMetadata> List<T> labelled(Class<T> type, String gateway) {
    return client
        .resources(type)
        .inNamespace(NS)
        .withLabel(GATEWAY_NAME_LABEL, gateway)
        .list()
        .getItems();
  }

  private <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(NS).withName(name).get();
  }

  private void create(String yaml) {
    client.resource(yaml).create();
  }
}
