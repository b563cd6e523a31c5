package dev.lintel.operator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The install manifests under {@code deploy/} load, and the operator may grant what it grants. */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void operatorManifestHoldsEveryKindOfTheInstall() throws IOException {
    List<HasMetadata> objects = load("operator.yaml");
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment");
    Deployment operator = only(objects, Deployment.class);
    assertThat(operator.getMetadata().getNamespace()).isEqualTo("lintel-system");
    var container = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsExactly("operator");
    assertThat(container.getImage()).isEqualTo("ghcr.io/lintel-dev/lintel:0.1.0");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("lintel-operator");

    ClusterRoleBinding binding = only(objects, ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName())
        .isEqualTo(only(objects, ClusterRole.class).getMetadata().getName());
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo("lintel-operator");
    assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("lintel-system");
  }

  @Test
  void clusterRoleHoldsEveryVerbTheProxyRoleGrants() throws IOException {
    ClusterRole operatorRole = only(load("operator.yaml"), ClusterRole.class);
    Role proxyRole =
        new ProxyRbacFactory()
            .role(
                new ProxyIdentity(
                    new GatewayBuilder()
                        .withNewMetadata()
                        .withNamespace("ns")
                        .withName("gw")
                        .endMetadata()
                        .build()));
    assertThat(proxyRole.getRules()).isNotEmpty();
    for (PolicyRule granted : proxyRole.getRules()) {
      for (String group : granted.getApiGroups()) {
        for (String resource : granted.getResources()) {
          for (String verb : granted.getVerbs()) {
            assertThat(allows(operatorRole, group, resource, verb))
                .as("operator ClusterRole allows %s on %s/%s", verb, group, resource)
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void clusterRoleCanWriteEveryKindTheProvisionerCreatesAndEveryStatusItWrites()
      throws IOException {
    ClusterRole role = only(load("operator.yaml"), ClusterRole.class);
    for (String[] resource :
        List.of(
            new String[] {"", "configmaps"},
            new String[] {"", "services"},
            new String[] {"", "serviceaccounts"},
            new String[] {"apps", "deployments"},
            new String[] {"rbac.authorization.k8s.io", "roles"},
            new String[] {"rbac.authorization.k8s.io", "rolebindings"})) {
      for (String verb : List.of("get", "list", "watch", "create", "update")) {
        assertThat(allows(role, resource[0], resource[1], verb))
            .as("%s %s/%s", verb, resource[0], resource[1])
            .isTrue();
      }
    }
    for (String status :
        List.of(
            "gatewayclasses/status",
            "gateways/status",
            "listenersets/status",
            "httproutes/status")) {
      assertThat(allows(role, "gateway.networking.k8s.io", status, "patch")).isTrue();
      assertThat(allows(role, "gateway.networking.k8s.io", status, "update")).isTrue();
    }
    assertThat(allows(role, "discovery.k8s.io", "endpointslices", "watch")).isTrue();
    for (String verb : List.of("get", "list", "watch")) {
      assertThat(allows(role, "apiextensions.k8s.io", "customresourcedefinitions", verb))
          .as("%s on CRDs (their bundle version makes the SupportedVersion condition)", verb)
          .isTrue();
    }
    assertThat(allows(role, "gateway.networking.k8s.io", "listenersets", "watch")).isTrue();
    assertThat(allows(role, "gateway.networking.k8s.io", "gateways", "update"))
        .as("the operator never edits a Gateway's spec")
        .isFalse();
  }

  @Test
  void gatewayClassNamesLintelsController() throws IOException {
    GatewayClass gatewayClass = only(load("gatewayclass.yaml"), GatewayClass.class);
    assertThat(gatewayClass.getSpec().getControllerName())
        .isEqualTo("lintel.dev/gateway-controller");
  }

  private static boolean allows(ClusterRole role, String group, String resource, String verb) {
    return role.getRules().stream()
        .anyMatch(
            rule ->
                matches(rule.getApiGroups(), group)
                    && matches(rule.getResources(), resource)
                    && matches(rule.getVerbs(), verb)
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()));
  }

  private static boolean matches(List<String> values, String wanted) {
    return values != null && (values.contains(wanted) || values.contains("*"));
  }

  private static List<HasMetadata> load(String file) throws IOException {
    try (InputStream in = Files.newInputStream(DEPLOY.resolve(file))) {
      Object parsed = SERIALIZATION.unmarshal(in);
      if (parsed instanceof List<?> list) {
        return list.stream().map(HasMetadata.class::cast).toList();
      }
      return List.of((HasMetadata) parsed);
    }
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
