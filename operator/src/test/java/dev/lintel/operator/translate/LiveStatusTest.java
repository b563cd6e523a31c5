package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveStatusTest {
  private static final String CLASS =
      "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: lintel}\n"
          + "spec: {controllerName: lintel.dev/gateway-controller}\n";

  private static Gateway gateway(String... protocols) {
    GatewayBuilder builder =
        new GatewayBuilder()
            .withNewMetadata()
            .withNamespace("default")
            .withName("gw")
            .withGeneration(7L)
            .endMetadata()
            .withNewSpec()
            .withGatewayClassName("lintel")
            .endSpec();
    for (int i = 0; i < protocols.length; i++) {
      builder
          .editSpec()
          .addNewListener()
          .withName("l" + i)
          .withPort(8080 + i)
          .withProtocol(protocols[i])
          .endListener()
          .endSpec();
    }
    return builder.build();
  }

  private static GatewayStatus translated(Gateway gateway) {
    Snapshot snapshot =
        dev.lintel.operator.manifests.SnapshotAssembler.assemble(
            List.of(
                gateway,
                new dev.lintel.operator.manifests.ManifestLoader()
                    .parse(CLASS, "class.yaml")
                    .objects()
                    .get(0)));
    return new GatewayTranslator().translate(snapshot).gateways().get(ObjectRef.of(gateway));
  }

  private static Optional<Condition> condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  @Test
  void programmedGatewayAndAcceptedListenersAreProgrammedWithAddresses() {
    Gateway gateway = gateway("HTTP", "UDP");
    GatewayStatus translated = translated(gateway);
    GatewayStatus live =
        LiveStatus.apply(
            translated,
            gateway,
            new LiveState(true, "serving", List.of("127.0.0.3", "lb.example.com", "fd00::1")));

    Condition programmed = condition(live.getConditions(), "Programmed").orElseThrow();
    assertThat(programmed.getStatus()).isEqualTo("True");
    assertThat(programmed.getReason()).isEqualTo("Programmed");
    assertThat(programmed.getObservedGeneration()).isEqualTo(7L);
    ListenerStatus http = live.getListeners().get(0);
    ListenerStatus udp = live.getListeners().get(1);
    assertThat(condition(http.getConditions(), "Programmed").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(condition(udp.getConditions(), "Programmed").orElseThrow().getReason())
        .isEqualTo("Invalid");
    assertThat(live.getAddresses())
        .extracting(GatewayStatusAddress::getType, GatewayStatusAddress::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("IPAddress", "127.0.0.3"),
            org.assertj.core.groups.Tuple.tuple("Hostname", "lb.example.com"),
            org.assertj.core.groups.Tuple.tuple("IPAddress", "fd00::1"));
    // The translation itself carries no live state and is left untouched.
    assertThat(condition(translated.getConditions(), "Programmed")).isEmpty();
    assertThat(translated.getAddresses()).isEmpty();
  }

  @Test
  void notProgrammedIsPendingWithTheShellsMessage() {
    Gateway gateway = gateway("HTTP");
    GatewayStatus live =
        LiveStatus.apply(
            translated(gateway), gateway, new LiveState(false, "no free address", List.of()));
    Condition programmed = condition(live.getConditions(), "Programmed").orElseThrow();
    assertThat(programmed.getStatus()).isEqualTo("False");
    assertThat(programmed.getReason()).isEqualTo("Pending");
    assertThat(programmed.getMessage()).isEqualTo("no free address");
    assertThat(
            condition(live.getListeners().get(0).getConditions(), "Programmed")
                .orElseThrow()
                .getReason())
        .isEqualTo("Pending");
  }

  @Test
  void anUnusableAddressIsProgrammedFalseWithAddressNotUsable() {
    Gateway gateway = gateway("HTTP");
    GatewayStatus live =
        LiveStatus.apply(
            translated(gateway),
            gateway,
            LiveState.addressNotUsable("203.0.113.1 cannot be bound", List.of()));
    Condition programmed = condition(live.getConditions(), "Programmed").orElseThrow();
    assertThat(programmed.getStatus()).isEqualTo("False");
    assertThat(programmed.getReason()).isEqualTo("AddressNotUsable");
    assertThat(programmed.getMessage()).isEqualTo("203.0.113.1 cannot be bound");
    assertThat(programmed.getObservedGeneration()).isEqualTo(7L);
    assertThat(live.getAddresses()).isEmpty();
    assertThat(
            condition(live.getListeners().get(0).getConditions(), "Programmed")
                .orElseThrow()
                .getReason())
        .isEqualTo("Pending");
  }

  @Test
  void aGatewayThatIsNotAcceptedIsNeverProgrammed() {
    Gateway gateway = gateway("UDP");
    GatewayStatus live =
        LiveStatus.apply(translated(gateway), gateway, new LiveState(true, "serving", List.of()));
    Condition programmed = condition(live.getConditions(), "Programmed").orElseThrow();
    assertThat(programmed.getStatus()).isEqualTo("False");
    assertThat(programmed.getReason()).isEqualTo("Invalid");
  }

  @Test
  void applyingTwiceKeepsOneProgrammedCondition() {
    Gateway gateway = gateway("HTTP");
    GatewayStatus once =
        LiveStatus.apply(translated(gateway), gateway, new LiveState(false, "wait", List.of()));
    GatewayStatus twice = LiveStatus.apply(once, gateway, new LiveState(true, "ok", List.of()));
    assertThat(twice.getConditions()).filteredOn(c -> c.getType().equals("Programmed")).hasSize(1);
    assertThat(condition(twice.getConditions(), "Programmed").orElseThrow().getStatus())
        .isEqualTo("True");
  }

  @Test
  void listenerSetIsProgrammedWithItsGatewayAndAConflictedListenerSaysWhyItIsNot() {
    String manifests =
        CLASS
            + "---\n"
            + "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
            + "metadata: {name: gw, namespace: default}\n"
            + "spec:\n  gatewayClassName: lintel\n  allowedListeners: {namespaces: {from: Same}}\n"
            + "  listeners: [{name: http, port: 80, protocol: HTTP, hostname: a.example.com}]\n"
            + "---\n"
            + "apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\n"
            + "metadata: {name: extra, namespace: default, generation: 3}\n"
            + "spec:\n  parentRef: {name: gw}\n  listeners:\n"
            + "  - {name: same-host, port: 80, protocol: HTTP, hostname: a.example.com}\n"
            + "  - {name: own, port: 80, protocol: HTTP, hostname: b.example.com}\n";
    List<io.fabric8.kubernetes.api.model.HasMetadata> objects =
        new dev.lintel.operator.manifests.ManifestLoader().parse(manifests, "all.yaml").objects();
    dev.lintel.operator.gatewayapi.ListenerSet set =
        (dev.lintel.operator.gatewayapi.ListenerSet) objects.get(2);
    dev.lintel.operator.gatewayapi.ListenerSetStatus translated =
        new GatewayTranslator()
            .translate(dev.lintel.operator.manifests.SnapshotAssembler.assemble(objects))
            .listenerSets()
            .get(ObjectRef.of(set));

    dev.lintel.operator.gatewayapi.ListenerSetStatus serving =
        LiveStatus.apply(translated, set, new LiveState(true, "serving", List.of("10.0.0.1")));
    Condition programmed = condition(serving.conditions(), "Programmed").orElseThrow();
    assertThat(programmed.getStatus()).isEqualTo("True");
    assertThat(programmed.getObservedGeneration()).isEqualTo(3L);
    ListenerStatus conflicted = serving.listeners().get(0);
    assertThat(condition(conflicted.getConditions(), "Programmed").orElseThrow())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "HostnameConflict");
    assertThat(condition(serving.listeners().get(1).getConditions(), "Programmed").orElseThrow())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Programmed");

    dev.lintel.operator.gatewayapi.ListenerSetStatus pending =
        LiveStatus.apply(translated, set, new LiveState(false, "no pod yet", List.of()));
    assertThat(condition(pending.conditions(), "Programmed").orElseThrow())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Pending");
    assertThat(translated.listeners().get(1).getConditions())
        .as("the translated status is not modified")
        .noneMatch(c -> c.getType().equals("Programmed"));
  }
}
