package dev.lintel.operator.reconcile;

import static dev.lintel.operator.reconcile.MockApiOperator.assertCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.ClientValidation;
import dev.lintel.proxy.config.ClientValidationMode;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.tls.CertificatePem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyAncestorStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.PolicyStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against the fabric8 mock API server in CRUD mode (no server-side apply, so SSA is
 * off): provisioning, owner references and every status it writes.
 */
@EnableKubernetesMockClient(crud = true)
class GatewayReconcilerIT {
  private static final Duration TIMEOUT = MockApiOperator.TIMEOUT;
  private static final String NS = "apps";
  private static final String CONTROLLER = "lintel.dev/gateway-controller";
  private static final TestCertificates CA = TestCertificates.authority("GatewayReconcilerIT");

  KubernetesClient client;
  private LintelOperator operator;

  @BeforeEach
  void startOperator() {
    operator = MockApiOperator.start(client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void provisionsTheProxyAndWritesEveryStatus() {
    createNamespaceAndLintelClass();
    create(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: echo
          namespace: apps
        spec:
          ports:
            - name: http
              port: 80
              targetPort: 9000
        """);
    create(
        """
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: echo-1
          namespace: apps
          labels:
            kubernetes.io/service-name: echo
        addressType: IPv4
        ports:
          - name: http
            port: 9000
        endpoints:
          - addresses: ["10.0.0.7"]
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          listeners:
            - name: http
              protocol: HTTP
              port: 80
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: app
          namespace: apps
        spec:
          parentRefs:
            - name: web
          rules:
            - matches:
                - path:
                    type: PathPrefix
                    value: /api
              backendRefs:
                - name: echo
                  port: 80
        """);

    Gateway gateway = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
    String uid = gateway.getMetadata().getUid();
    assertThat(uid).isNotBlank();

    // Provisioned objects, all owned by the Gateway.
    ConfigMap configMap = awaitObject(ConfigMap.class, "lintel-web");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners()).hasSize(1);
              assertThat(config.listeners().get(0).port()).isEqualTo(80);
              assertThat(config.listeners().get(0).virtualHosts()).hasSize(1);
              List<Route> routes = config.listeners().get(0).virtualHosts().get(0).routes();
              assertThat(routes)
                  .anySatisfy(
                      route -> {
                        assertThat(route.match().path().value()).isEqualTo("/api");
                        assertThat(route.backends().get(0).endpoints())
                            .extracting(e -> e.host() + ":" + e.port())
                            .containsExactly("10.0.0.7:9000");
                      });
            });
    Deployment deployment = awaitObject(Deployment.class, "lintel-web");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("proxy", "--configmap", "apps/lintel-web", "--certs", "/etc/lintel-certs");
    Service service = awaitObject(Service.class, "lintel-web");
    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getSpec().getPorts())
        .extracting(p -> p.getPort() + "->" + p.getTargetPort().getIntVal())
        .containsExactly("80->10080");
    ServiceAccount account = awaitObject(ServiceAccount.class, "lintel-web");
    Role role = awaitObject(Role.class, "lintel-web");
    assertThat(role.getRules().get(0).getResourceNames()).containsExactly("lintel-web");
    RoleBinding binding = awaitObject(RoleBinding.class, "lintel-web");
    Secret certificates = awaitObject(Secret.class, "lintel-web");
    assertThat(certificates.getData()).isNullOrEmpty();
    for (HasMetadata owned :
        List.of(configMap, certificates, deployment, service, account, role, binding)) {
      OwnerReference owner = owned.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getKind()).isEqualTo("Gateway");
      assertThat(owner.getName()).isEqualTo("web");
      assertThat(owner.getUid()).isEqualTo(uid);
      assertThat(owner.getController()).isTrue();
    }

    // Statuses before the data plane is up.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              GatewayClass gatewayClass =
                  client.resources(GatewayClass.class).withName("lintel").get();
              assertThat(gatewayClass.getStatus()).isNotNull();
              assertCondition(gatewayClass.getStatus().getConditions(), "Accepted", "True", null);
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Gateway live = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              assertThat(live.getStatus()).isNotNull();
              assertCondition(live.getStatus().getConditions(), "Accepted", "True", null);
              assertCondition(live.getStatus().getConditions(), "Programmed", "False", null);
            });

    // Another writer puts its own condition on the Gateway: Lintel's later status writes keep it
    // (Gateway API conformance test GatewayPreserveForeignConditions).
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () -> {
              Gateway live = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              live.getStatus()
                  .getConditions()
                  .add(
                      new ConditionBuilder()
                          .withType("example.com/PolicyAttached")
                          .withStatus("True")
                          .withReason("Attached")
                          .withMessage("written by another controller")
                          .withObservedGeneration(live.getMetadata().getGeneration())
                          .withLastTransitionTime("2026-01-01T00:00:00Z")
                          .build());
              client.resource(live).updateStatus();
              return true;
            });

    // The data plane comes up: an available pod, a load-balancer address.
    Deployment available = present(Deployment.class, "lintel-web");
    available.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    client.resource(available).updateStatus();
    Service withAddress = present(Service.class, "lintel-web");
    withAddress.setStatus(
        new ServiceStatusBuilder()
            .withNewLoadBalancer()
            .withIngress(new LoadBalancerIngressBuilder().withIp("203.0.113.10").build())
            .endLoadBalancer()
            .build());
    client.resource(withAddress).updateStatus();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Gateway live = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              assertCondition(live.getStatus().getConditions(), "Programmed", "True", null);
              assertCondition(
                  live.getStatus().getConditions(), "example.com/PolicyAttached", "True", null);
              assertThat(live.getStatus().getAddresses())
                  .extracting(a -> a.getType() + "=" + a.getValue())
                  .containsExactly("IPAddress=203.0.113.10");
              assertThat(live.getMetadata().getGeneration()).isNotNull();
              assertLatestWithTimes(live.getStatus().getConditions(), live);
            });

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              HTTPRoute route =
                  client.resources(HTTPRoute.class).inNamespace(NS).withName("app").get();
              assertThat(route.getStatus()).isNotNull();
              assertThat(route.getStatus().getParents()).hasSize(1);
              RouteParentStatus parent = route.getStatus().getParents().get(0);
              assertThat(parent.getControllerName()).isEqualTo(CONTROLLER);
              assertThat(parent.getParentRef().getName()).isEqualTo("web");
              assertCondition(parent.getConditions(), "Accepted", "True", null);
              assertCondition(parent.getConditions(), "ResolvedRefs", "True", null);
              assertThat(route.getMetadata().getGeneration()).isNotNull();
              assertThat(parent.getConditions())
                  .allSatisfy(
                      c ->
                          assertThat(c.getObservedGeneration())
                              .isEqualTo(route.getMetadata().getGeneration()));
            });

    // The route now points at a Service that does not exist.
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NS).withName("app").get();
    route.getSpec().getRules().get(0).getBackendRefs().get(0).setName("missing");
    client.resource(route).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              HTTPRoute live =
                  client.resources(HTTPRoute.class).inNamespace(NS).withName("app").get();
              assertThat(live.getStatus().getParents()).hasSize(1);
              RouteParentStatus parent = live.getStatus().getParents().get(0);
              assertCondition(parent.getConditions(), "ResolvedRefs", "False", "BackendNotFound");
              assertThat(parent.getConditions())
                  .allSatisfy(
                      c ->
                          assertThat(c.getObservedGeneration())
                              .isEqualTo(live.getMetadata().getGeneration()));
            });
  }

  @Test
  void leavesForeignGatewaysAndOtherControllersEntriesAlone() {
    create(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: shared
          namespace: apps
        spec:
          parentRefs:
            - name: theirs
            - name: ours
          rules:
            - matches:
                - path:
                    type: PathPrefix
                    value: /
        """);
    // Another controller already reports on its own parent.
    HTTPRoute withForeignEntry =
        client.resources(HTTPRoute.class).inNamespace(NS).withName("shared").get();
    withForeignEntry.setStatus(
        new HTTPRouteStatusBuilder()
            .addNewParent()
            .withControllerName("example.com/other-controller")
            .withNewParentRef()
            .withName("theirs")
            .endParentRef()
            .addToConditions(
                new ConditionBuilder()
                    .withType("Accepted")
                    .withStatus("True")
                    .withReason("Accepted")
                    .withMessage("")
                    .withLastTransitionTime("2020-01-01T00:00:00Z")
                    .build())
            .endParent()
            .build());
    client.resource(withForeignEntry).updateStatus();
    for (String[] gatewayClass :
        List.of(
            new String[] {"lintel", CONTROLLER},
            new String[] {"other", "example.com/other-controller"})) {
      create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: GatewayClass
          metadata:
            name: %s
          spec:
            controllerName: %s
          """
              .formatted(gatewayClass[0], gatewayClass[1]));
    }
    for (String[] gateway :
        List.of(new String[] {"theirs", "other"}, new String[] {"ours", "lintel"})) {
      create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata:
            name: %s
            namespace: apps
          spec:
            gatewayClassName: %s
            listeners:
              - name: http
                protocol: HTTP
                port: 8080
          """
              .formatted(gateway[0], gateway[1]));
    }

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              HTTPRoute route =
                  client.resources(HTTPRoute.class).inNamespace(NS).withName("shared").get();
              assertThat(route.getStatus().getParents())
                  .extracting(p -> p.getControllerName() + " " + p.getParentRef().getName())
                  .containsExactly("example.com/other-controller theirs", CONTROLLER + " ours");
              assertThat(
                      route
                          .getStatus()
                          .getParents()
                          .get(0)
                          .getConditions()
                          .get(0)
                          .getLastTransitionTime())
                  .isEqualTo("2020-01-01T00:00:00Z");
            });
    awaitObject(ConfigMap.class, "lintel-ours");
    assertThat(get(ConfigMap.class, "lintel-theirs")).isEmpty();
    assertThat(get(Deployment.class, "lintel-theirs")).isEmpty();
    Gateway theirs = client.resources(Gateway.class).inNamespace(NS).withName("theirs").get();
    assertThat(theirs.getStatus() == null || theirs.getStatus().getConditions().isEmpty()).isTrue();
    GatewayClass other = client.resources(GatewayClass.class).withName("other").get();
    assertThat(other.getStatus() == null || other.getStatus().getConditions().isEmpty()).isTrue();

    // The route leaves our Gateway: our entry goes, the other controller's stays.
    HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NS).withName("shared").get();
    route.getSpec().setParentRefs(List.of(route.getSpec().getParentRefs().get(0)));
    client.resource(route).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              HTTPRoute live =
                  client.resources(HTTPRoute.class).inNamespace(NS).withName("shared").get();
              assertThat(live.getStatus().getParents())
                  .extracting(p -> p.getControllerName() + " " + p.getParentRef().getName())
                  .containsExactly("example.com/other-controller theirs");
            });
  }

  @Test
  void copiesTheCertificatesOfHttpsListenersIntoTheProxysSecret() {
    CertificatePem site = CA.issue("secure.example.com");
    createNamespaceAndLintelClass();
    createCertificateSecret("site", site);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              tls:
                certificateRefs:
                  - name: site
            - name: https-missing
              protocol: HTTPS
              port: 443
              hostname: other.example.com
              tls:
                certificateRefs:
                  - name: missing
        """);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Secret copy = present(Secret.class, "lintel-web");
              assertThat(copy.getData())
                  .containsOnlyKeys("apps_site.crt", "apps_site.key")
                  .containsEntry("apps_site.key", base64(site.privateKey()));
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners().get(0).tls())
                  .containsExactly(new TlsEntry(null, List.of("apps/site")));
              Gateway live = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              assertThat(live.getStatus()).isNotNull();
              assertThat(live.getStatus().getListeners())
                  .extracting(
                      l ->
                          l.getName()
                              + " "
                              + l.getConditions().stream()
                                  .filter(c -> c.getType().equals("ResolvedRefs"))
                                  .map(c -> c.getStatus() + "/" + c.getReason())
                                  .findFirst()
                                  .orElse("none"))
                  .containsExactly(
                      "https True/ResolvedRefs", "https-missing False/InvalidCertificateRef");
            });
  }

  @Test
  void copiesTheCaBundlesOfClientValidationIntoTheProxysSecretAndFollowsThem() {
    CertificatePem site = CA.issue("secure.example.com");
    createNamespaceAndLintelClass();
    createCertificateSecret("site", site);
    String firstCa = TestCertificates.authority("first client CA").certificatePem();
    client.resource(caBundle(firstCa)).create();
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          tls:
            frontend:
              default:
                validation:
                  caCertificateRefs:
                    - kind: ConfigMap
                      group: ""
                      name: client-ca
          listeners:
            - name: https
              protocol: HTTPS
              port: 443
              tls:
                certificateRefs:
                  - name: site
        """);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Secret copy = present(Secret.class, "lintel-web");
              assertThat(copy.getData())
                  .containsOnlyKeys("apps_site.crt", "apps_site.key", "apps_client-ca.ca.pem")
                  .containsEntry("apps_client-ca.ca.pem", base64(firstCa));
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners().get(0).clientValidation())
                  .isEqualTo(
                      new ClientValidation(
                          List.of("apps/client-ca"), ClientValidationMode.AllowValidOnly));
            });

    // A changed bundle reaches the proxy's Secret: the ConfigMap is watched.
    String secondCa = TestCertificates.authority("second client CA").certificatePem();
    client.resource(caBundle(secondCa)).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(present(Secret.class, "lintel-web").getData())
                    .containsEntry("apps_client-ca.ca.pem", base64(secondCa)));
  }

  @Test
  void deliversBackendTlsMaterialAndWritesItsShareOfBackendTlsPolicyStatus() {
    createNamespaceAndLintelClass();
    createCertificateSecret("gateway-client", CA.issue("gateway-client"));
    String backendCa = TestCertificates.authority("backend CA").certificatePem();
    client.resource(caBundle(backendCa)).create();
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          tls:
            backend:
              clientCertificateRef:
                name: gateway-client
          listeners:
            - name: http
              protocol: HTTP
              port: 80
        """);
    create(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: secure
          namespace: apps
        spec:
          ports:
            - name: https
              port: 443
              targetPort: 8443
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: app
          namespace: apps
        spec:
          parentRefs:
            - name: web
          rules:
            - backendRefs:
                - name: secure
                  port: 443
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata:
          name: secure
          namespace: apps
        spec:
          targetRefs:
            - group: ""
              kind: Service
              name: secure
          validation:
            caCertificateRefs:
              - group: ""
                kind: ConfigMap
                name: client-ca
            hostname: secure.example.com
        """);
    // Another controller's ancestor entry, which Lintel must leave as it is.
    PolicyAncestorStatus foreign =
        new PolicyAncestorStatusBuilder()
            .withNewAncestorRef()
            .withGroup("gateway.networking.k8s.io")
            .withKind("Gateway")
            .withName("unmanaged-gateway")
            .withNamespace(NS)
            .endAncestorRef()
            .withControllerName("example.com/other-controller")
            .withConditions(
                new ConditionBuilder()
                    .withType("Accepted")
                    .withStatus("True")
                    .withReason("Accepted")
                    .withLastTransitionTime("2020-01-01T00:00:00Z")
                    .build())
            .build();
    client
        .resources(BackendTLSPolicy.class)
        .inNamespace(NS)
        .withName("secure")
        .editStatus(
            policy -> {
              PolicyStatus status =
                  policy.getStatus() == null ? new PolicyStatus() : policy.getStatus();
              List<PolicyAncestorStatus> ancestors = new ArrayList<>();
              if (status.getAncestors() != null) {
                ancestors.addAll(status.getAncestors());
              }
              ancestors.add(foreign);
              status.setAncestors(ancestors);
              policy.setStatus(status);
              return policy;
            });

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(present(Secret.class, "lintel-web").getData())
                  .containsKeys(
                      "apps_gateway-client.crt",
                      "apps_gateway-client.key",
                      "apps_client-ca.ca.pem");
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              BackendTls tls =
                  config
                      .listeners()
                      .get(0)
                      .virtualHosts()
                      .get(0)
                      .routes()
                      .get(0)
                      .backends()
                      .get(0)
                      .tls();
              assertThat(tls)
                  .isEqualTo(
                      new BackendTls(
                          "secure.example.com",
                          List.of("apps/client-ca"),
                          null,
                          List.of(),
                          "apps/gateway-client"));
              BackendTLSPolicy policy = present(BackendTLSPolicy.class, "secure");
              List<PolicyAncestorStatus> ancestors = policy.getStatus().getAncestors();
              assertThat(ancestors).hasSize(2).contains(foreign);
              PolicyAncestorStatus ours =
                  ancestors.stream()
                      .filter(entry -> CONTROLLER.equals(entry.getControllerName()))
                      .findFirst()
                      .orElseThrow();
              assertThat(ours.getAncestorRef().getName()).isEqualTo("web");
              assertCondition(ours.getConditions(), "Accepted", "True", "Accepted");
              assertCondition(ours.getConditions(), "ResolvedRefs", "True", "ResolvedRefs");
              assertLatestWithTimes(ours.getConditions(), policy);
              Gateway gateway = present(Gateway.class, "web");
              assertCondition(
                  gateway.getStatus().getConditions(), "ResolvedRefs", "True", "ResolvedRefs");
            });

    // A spec change makes Lintel write its entry again, with the other one still in place.
    client
        .resources(BackendTLSPolicy.class)
        .inNamespace(NS)
        .withName("secure")
        .edit(
            policy -> {
              policy.getSpec().getValidation().setHostname("second.example.com");
              return policy;
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              BackendTLSPolicy policy = present(BackendTLSPolicy.class, "secure");
              assertThat(policy.getStatus().getAncestors()).hasSize(2).contains(foreign);
              for (PolicyAncestorStatus entry : policy.getStatus().getAncestors()) {
                if (CONTROLLER.equals(entry.getControllerName())) {
                  assertLatestWithTimes(entry.getConditions(), policy);
                }
              }
            });
  }

  private void createCertificateSecret(String name, CertificatePem pem) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToData("tls.crt", base64(pem.certificateChain()))
                .addToData("tls.key", base64(pem.privateKey()))
                .build())
        .create();
  }

  private static ConfigMap caBundle(String pem) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("client-ca")
        .withNamespace(NS)
        .endMetadata()
        .addToData("ca.crt", pem)
        .build();
  }

  @Test
  void attachesListenerSetsAndWritesTheirStatus() {
    createNamespaceAndLintelClass();
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          allowedListeners:
            namespaces:
              from: Same
          listeners:
            - name: http
              protocol: HTTP
              port: 80
        """);
    client
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(
                    """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: ListenerSet
                    metadata:
                      name: extra
                      namespace: apps
                    spec:
                      parentRef:
                        name: web
                      listeners:
                        - name: alt
                          protocol: HTTP
                          port: 8080
                          hostname: set.example.com
                    """,
                    ListenerSet.class))
        .create();
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: to-set
          namespace: apps
        spec:
          parentRefs:
            - group: gateway.networking.k8s.io
              kind: ListenerSet
              name: extra
          rules:
            - matches:
                - path:
                    type: PathPrefix
                    value: /set
        """);

    // The ListenerSet's listener is served by the Gateway's proxy, on its own port.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners()).extracting(l -> l.port()).containsExactly(80, 8080);
              assertThat(config.listeners().get(1).virtualHosts())
                  .extracting(v -> v.name())
                  .containsExactly("set.example.com");
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ListenerSet live = present(ListenerSet.class, "extra");
              assertThat(live.getStatus()).isNotNull();
              assertCondition(live.getStatus().conditions(), "Accepted", "True", "Accepted");
              // No pod is available yet: the proxy does not serve the listener.
              assertCondition(live.getStatus().conditions(), "Programmed", "False", "Pending");
              assertThat(live.getStatus().listeners()).hasSize(1);
              assertThat(live.getStatus().listeners().get(0).getName()).isEqualTo("alt");
              assertThat(live.getStatus().listeners().get(0).getAttachedRoutes()).isEqualTo(1);
              assertLatestWithTimes(live.getStatus().conditions(), live);
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Gateway live = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              assertThat(live.getStatus().getAdditionalProperties())
                  .containsEntry("attachedListenerSets", 1);
              HTTPRoute route =
                  client.resources(HTTPRoute.class).inNamespace(NS).withName("to-set").get();
              assertThat(route.getStatus().getParents()).hasSize(1);
              RouteParentStatus parent = route.getStatus().getParents().get(0);
              assertThat(parent.getParentRef().getKind()).isEqualTo("ListenerSet");
              assertCondition(parent.getConditions(), "Accepted", "True", null);
            });

    // The Gateway stops taking ListenerSets: the ListenerSet is refused and its port goes.
    Gateway gateway = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
    gateway.getSpec().getAllowedListeners().getNamespaces().setFrom("None");
    client.resource(gateway).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ListenerSet live = present(ListenerSet.class, "extra");
              assertCondition(live.getStatus().conditions(), "Accepted", "False", "NotAllowed");
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners()).extracting(l -> l.port()).containsExactly(80);
            });
  }

  @Test
  void servesGrpcRoutesAndWritesTheirStatus() {
    createNamespaceAndLintelClass();
    create(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: grpc-echo
          namespace: apps
        spec:
          ports:
            - port: 50051
        """);
    create(
        """
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: grpc-echo-1
          namespace: apps
          labels:
            kubernetes.io/service-name: grpc-echo
        addressType: IPv4
        ports:
          - port: 50051
        endpoints:
          - addresses: ["10.0.0.9"]
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          listeners:
            - name: http
              protocol: HTTP
              port: 80
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: echo
          namespace: apps
        spec:
          parentRefs:
            - name: web
          rules:
            - matches:
                - method:
                    service: pkg.Echo
                    method: Echo
              backendRefs:
                - name: grpc-echo
                  port: 50051
            - matches:
                - method:
                    service: pkg.Missing
              backendRefs:
                - name: missing
                  port: 50051
        """);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners().get(0).virtualHosts()).isNotEmpty();
              List<Route> routes = config.listeners().get(0).virtualHosts().get(0).routes();
              // GRPCRoute precedence: the longer service first (the proxy tries exact paths first).
              assertThat(routes)
                  .extracting(r -> r.match().path().value())
                  .containsExactly("/pkg\\.Missing/[^/]+", "/pkg.Echo/Echo");
              assertThat(routes.get(1).backends().get(0).protocol()).isEqualTo(BackendProtocol.H2C);
              GRPCRoute route =
                  client.resources(GRPCRoute.class).inNamespace(NS).withName("echo").get();
              assertThat(route.getStatus()).isNotNull();
              assertThat(route.getStatus().getParents()).hasSize(1);
              RouteParentStatus parent = route.getStatus().getParents().get(0);
              assertCondition(parent.getConditions(), "Accepted", "True", "Accepted");
              assertCondition(parent.getConditions(), "ResolvedRefs", "False", "BackendNotFound");
              assertLatestWithTimes(parent.getConditions(), route);
              Gateway live = client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              assertThat(live.getStatus().getListeners().get(0).getAttachedRoutes()).isEqualTo(1);
              assertThat(live.getStatus().getListeners().get(0).getSupportedKinds())
                  .extracting(kind -> kind.getKind())
                  .containsExactly("HTTPRoute", "GRPCRoute");
            });

    // The missing Service appears: the route's status follows.
    create(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: missing
          namespace: apps
        spec:
          ports:
            - port: 50051
        """);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              GRPCRoute route =
                  client.resources(GRPCRoute.class).inNamespace(NS).withName("echo").get();
              assertCondition(
                  route.getStatus().getParents().get(0).getConditions(),
                  "ResolvedRefs",
                  "True",
                  "ResolvedRefs");
            });
  }

  @Test
  void servesTlsRoutesAndWritesTheirStatus() {
    createNamespaceAndLintelClass();
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: apps
        spec:
          gatewayClassName: lintel
          listeners:
            - name: tls
              protocol: TLS
              port: 443
              hostname: "*.example.com"
              tls:
                mode: Passthrough
        """);
    create(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: db
          namespace: apps
        spec:
          ports:
            - port: 5432
        """);
    client
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(
                    """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: TLSRoute
                    metadata:
                      name: db
                      namespace: apps
                    spec:
                      parentRefs:
                        - name: web
                      hostnames: ["db.example.com"]
                      rules:
                        - backendRefs:
                            - name: db
                              port: 5432
                            - name: gone
                              port: 5432
                    """,
                    TLSRoute.class))
        .create();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ProxyConfig config = configOf(present(ConfigMap.class, "lintel-web"));
              assertThat(config.listeners().get(0).protocol()).isEqualTo(Protocol.TLS);
              assertThat(config.listeners().get(0).tlsListeners().get(0).routes())
                  .extracting(r -> r.name() + " " + r.hostnames())
                  .containsExactly("apps/db [db.example.com]");
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              TLSRoute live = present(TLSRoute.class, "db");
              assertThat(live.getStatus()).isNotNull();
              assertThat(live.getStatus().getParents()).hasSize(1);
              RouteParentStatus parent = live.getStatus().getParents().get(0);
              assertCondition(parent.getConditions(), "Accepted", "True", "Accepted");
              assertCondition(parent.getConditions(), "ResolvedRefs", "False", "BackendNotFound");
              assertLatestWithTimes(parent.getConditions(), live);
              Gateway gateway =
                  client.resources(Gateway.class).inNamespace(NS).withName("web").get();
              assertThat(gateway.getStatus().getListeners().get(0).getAttachedRoutes())
                  .isEqualTo(1);
            });

    // A Service the route names appears: the Gateway is reconciled again.
    create(
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: gone
          namespace: apps
        spec:
          ports:
            - port: 5432
        """);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertCondition(
                    present(TLSRoute.class, "db").getStatus().getParents().get(0).getConditions(),
                    "ResolvedRefs",
                    "True",
                    "ResolvedRefs"));
  }

  private void createNamespaceAndLintelClass() {
    create(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps
        """);
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: lintel
        spec:
          controllerName: lintel.dev/gateway-controller
        """);
  }

  private void create(String yaml) {
    client.resource(yaml).create();
  }

  private <T extends HasMetadata> Optional<T> get(Class<T> type, String name) {
    return Optional.ofNullable(client.resources(type).inNamespace(NS).withName(name).get());
  }

  /**
   * The object, failing with an assertion (which {@code untilAsserted} retries) while it does not
   * exist yet.
   */
  private <T extends HasMetadata> T present(Class<T> type, String name) {
    Optional<T> found = get(type, name);
    assertThat(found).as("%s %s", type.getSimpleName(), name).isPresent();
    return found.get();
  }

  private <T extends HasMetadata> T awaitObject(Class<T> type, String name) {
    return await().atMost(TIMEOUT).until(() -> get(type, name), Optional::isPresent).orElseThrow();
  }

  private static ProxyConfig configOf(ConfigMap map) throws Exception {
    return new ConfigParser().parse(map.getData().get("config.yaml"));
  }

  /** Every condition carries the object's generation and a transition time. */
  private static void assertLatestWithTimes(List<Condition> conditions, HasMetadata object) {
    for (Condition condition : conditions) {
      assertThat(condition.getObservedGeneration()).isEqualTo(object.getMetadata().getGeneration());
      assertThat(condition.getLastTransitionTime()).isNotBlank();
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
