package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatusBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupportedVersionTest {
  private static final GatewayClass CLASS =
      new GatewayClassBuilder()
          .withNewMetadata()
          .withName("lintel")
          .withGeneration(3L)
          .endMetadata()
          .withNewSpec()
          .withControllerName(GatewayTranslator.CONTROLLER_NAME)
          .endSpec()
          .build();

  private static final GatewayClassStatus ACCEPTED =
      new GatewayClassStatusBuilder()
          .withConditions(
              Conditions.statusTrue(ConditionTypes.ACCEPTED, Reasons.ACCEPTED, "accepted", CLASS))
          .build();

  @Test
  void everyPatchOfTheSupportedMinorIsSupported() {
    assertThat(SupportedVersion.isSupported("v1.6.0")).isTrue();
    assertThat(SupportedVersion.isSupported("v1.6.1")).isTrue();
    assertThat(SupportedVersion.isSupported("v1.6")).isTrue();
    assertThat(SupportedVersion.isSupported("v1.60.0")).isFalse();
    assertThat(SupportedVersion.isSupported("v1.5.1")).isFalse();
    assertThat(SupportedVersion.isSupported("v0.0.0")).isFalse();
    assertThat(SupportedVersion.isSupported(null)).isFalse();
  }

  @Test
  void supportedCrdsMakeItTrueAndAcceptedStays() {
    GatewayClassStatus status =
        SupportedVersion.apply(
            ACCEPTED,
            CLASS,
            List.of(
                crd("gatewayclasses.gateway.networking.k8s.io", "v1.6.1"),
                crd("gateways.gateway.networking.k8s.io", "v1.6.1"),
                crd("widgets.example.com", null)),
            SupportedVersion.Source.CLUSTER);
    assertThat(status.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Accepted", "True", "Accepted"),
            org.assertj.core.groups.Tuple.tuple("SupportedVersion", "True", "SupportedVersion"));
    assertThat(status.getConditions().get(1).getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getConditions().get(1).getMessage()).contains("v1.6.1");
  }

  @Test
  void oneCrdWithoutOrWithAnotherVersionMakesItFalseNamingIt() {
    GatewayClassStatus status =
        SupportedVersion.apply(
            ACCEPTED,
            CLASS,
            List.of(
                crd("gatewayclasses.gateway.networking.k8s.io", null),
                crd("gateways.gateway.networking.k8s.io", "v1.6.1"),
                crd("xlistenersets.gateway.networking.x-k8s.io", "v1.7.0")),
            SupportedVersion.Source.CLUSTER);
    Condition condition = status.getConditions().get(1);
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("UnsupportedVersion");
    assertThat(condition.getMessage())
        .contains("gatewayclasses.gateway.networking.k8s.io has no")
        .contains("xlistenersets.gateway.networking.x-k8s.io is at v1.7.0")
        .contains("supported: v1.6.x")
        .doesNotContain("gateways.gateway");
    assertThat(status.getConditions().get(0).getStatus()).isEqualTo("True");
  }

  @Test
  void withoutCrdsAClusterIsUnsupportedAndManifestsAreReadAsTheSupportedVersion() {
    assertThat(
            SupportedVersion.apply(ACCEPTED, CLASS, List.of(), SupportedVersion.Source.CLUSTER)
                .getConditions()
                .get(1)
                .getStatus())
        .isEqualTo("False");
    Condition manifests =
        SupportedVersion.apply(ACCEPTED, CLASS, List.of(), SupportedVersion.Source.MANIFESTS)
            .getConditions()
            .get(1);
    assertThat(manifests.getStatus()).isEqualTo("True");
    assertThat(manifests.getMessage()).contains("no Gateway API CRDs");
  }

  @Test
  void applyingTwiceKeepsOneCondition() {
    List<CustomResourceDefinition> crds =
        List.of(crd("gatewayclasses.gateway.networking.k8s.io", "v1.6.1"));
    GatewayClassStatus once =
        SupportedVersion.apply(ACCEPTED, CLASS, crds, SupportedVersion.Source.CLUSTER);
    GatewayClassStatus twice =
        SupportedVersion.apply(once, CLASS, crds, SupportedVersion.Source.CLUSTER);
    assertThat(twice.getConditions()).hasSize(2);
    assertThat(ACCEPTED.getConditions()).hasSize(1);
  }

  private static CustomResourceDefinition crd(String name, String bundleVersion) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(
            bundleVersion == null
                ? Map.of()
                : Map.of(SupportedVersion.BUNDLE_VERSION_ANNOTATION, bundleVersion))
        .endMetadata()
        .withNewSpec()
        .withGroup(name.substring(name.indexOf('.') + 1))
        .endSpec()
        .build();
  }
}
