package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddressBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayAddressesTest {
  @Test
  void ipLiteralsAreTheOnesKubernetesAccepts() {
    for (String ip :
        List.of(
            "127.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::2",
            "2001:db8:0:0:0:0:0:1",
            "1:2:3:4:5:6:7::",
            "::ffff:10.0.0.11")) {
      assertThat(GatewayAddresses.isIpLiteral(ip)).as(ip).isTrue();
    }
    for (String notIp :
        List.of(
            "",
            "localhost",
            "example.com",
            "10.0.0.010",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            ":1",
            "1::2::3",
            "2001:db8:0:0:0:0:0:0:1",
            "fe80::1%eth0",
            "[::1]",
            "::ffff:10.0.0.256",
            "fake address teehee!")) {
      assertThat(GatewayAddresses.isIpLiteral(notIp)).as(notIp).isFalse();
    }
  }

  @Test
  void onlyIpAddressTypesAreAccepted() {
    assertThat(GatewayAddresses.rejection(gateway(address(null, "10.0.0.1")))).isEmpty();
    assertThat(GatewayAddresses.rejection(gateway(address("IPAddress", null)))).isEmpty();
    assertThat(GatewayAddresses.rejection(gateway())).isEmpty();

    GatewayAddresses.Rejection hostname =
        GatewayAddresses.rejection(
                gateway(address("IPAddress", "10.0.0.1"), address("Hostname", "lb.example.com")))
            .orElseThrow();
    assertThat(hostname.reason()).isEqualTo("UnsupportedAddress");
    assertThat(hostname.message()).startsWith("spec.addresses[1].type: Hostname");

    GatewayAddresses.Rejection badIp =
        GatewayAddresses.rejection(gateway(address("IPAddress", "10.0.0.999"))).orElseThrow();
    assertThat(badIp.reason()).isEqualTo("Invalid");
    assertThat(badIp.message()).contains("spec.addresses[0].value");
  }

  @Test
  void requestedIpsAreTheValuesInSpecOrderAndOneAtMostCanBeServed() {
    Gateway gateway =
        gateway(address("IPAddress", "10.0.0.2"), address(null, "fd00::3"), address(null, null));
    assertThat(GatewayAddresses.requestedIps(gateway)).containsExactly("10.0.0.2", "fd00::3");
    assertThat(GatewayAddresses.servingProblem(List.of("10.0.0.2", "fd00::3")))
        .hasValueSatisfying(message -> assertThat(message).contains("one address"));
    assertThat(GatewayAddresses.servingProblem(List.of("10.0.0.2"))).isEmpty();
    assertThat(GatewayAddresses.servingProblem(List.of())).isEmpty();
  }

  private static GatewaySpecAddress address(String type, String value) {
    return new GatewaySpecAddressBuilder().withType(type).withValue(value).build();
  }

  private static Gateway gateway(GatewaySpecAddress... addresses) {
    return new GatewayBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName("gw")
        .endMetadata()
        .withNewSpec()
        .withGatewayClassName("lintel")
        .withAddresses(List.of(addresses))
        .endSpec()
        .build();
  }
}
