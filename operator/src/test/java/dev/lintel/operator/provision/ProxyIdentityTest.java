package dev.lintel.operator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyIdentityTest {
  @Test
  void shortNameIsPrefixed() {
    assertThat(ProxyIdentity.objectName("web")).isEqualTo("lintel-web");
    assertThat(ProxyIdentity.labelValue("web")).isEqualTo("web");
  }

  @Test
  void nameOfExactlySixtyThreeCharactersIsKept() {
    String gateway = "g".repeat(63 - "lintel-".length());
    assertThat(ProxyIdentity.objectName(gateway)).isEqualTo("lintel-" + gateway).hasSize(63);
  }

  @Test
  void longNamesAreCutAndHashedSoSharedPrefixesStayDistinct() {
    String a = "a".repeat(80) + "-one";
    String b = "a".repeat(80) + "-two";
    assertThat(ProxyIdentity.objectName(a)).hasSize(63).startsWith("lintel-aaa");
    assertThat(ProxyIdentity.objectName(a)).isNotEqualTo(ProxyIdentity.objectName(b));
    assertThat(ProxyIdentity.labelValue(a)).hasSizeLessThanOrEqualTo(63);
    assertThat(ProxyIdentity.labelValue(a)).isNotEqualTo(ProxyIdentity.labelValue(b));
  }

  @Test
  void dotsAreNotAllowedInServiceNamesSoDottedNamesAreHashed() {
    String name = ProxyIdentity.objectName("a.b");
    assertThat(name).matches("lintel-a-b-[0-9a-f]{8}");
    assertThat(name).isNotEqualTo(ProxyIdentity.objectName("a-b"));
    assertThat(ProxyIdentity.labelValue("a.b")).isEqualTo("a.b");
  }

  @Test
  void privilegedPortsMoveUpByTenThousand() {
    assertThat(PortMapping.containerPort(80)).isEqualTo(10080);
    assertThat(PortMapping.containerPort(1023)).isEqualTo(11023);
    assertThat(PortMapping.containerPort(1024)).isEqualTo(1024);
    assertThat(PortMapping.asOperator().applyAsInt(443)).isEqualTo(10443);
  }
}
