package dev.lintel.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TestCertificates.KeyFormat;
import dev.lintel.proxy.testing.TestCertificates.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PEM forms Secrets carry, and the material that must be refused without quoting keys. */
class ServerCertificateTest {
  private static final TestCertificates CA = TestCertificates.authority("ServerCertificateTest");

  @ParameterizedTest
  @CsvSource({"RSA, PKCS8", "RSA, TRADITIONAL", "EC, PKCS8", "EC, TRADITIONAL"})
  void loadsEveryKeyFormat(KeyType type, KeyFormat format) throws Exception {
    CertificatePem pem = CA.issue(type, format, "a.example.com", "*.b.example.com");
    assertThat(pem.privateKey())
        .contains(
            format == KeyFormat.PKCS8
                ? "BEGIN PRIVATE KEY"
                : type == KeyType.RSA ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY");

    ServerCertificate certificate = ServerCertificate.load("ns/cert", pem);

    assertThat(certificate.dnsNames()).containsExactly("a.example.com", "*.b.example.com");
    assertThat(certificate.context().isServer()).isTrue();
  }

  @Test
  void aWildcardNameCoversOneLabel() throws Exception {
    ServerCertificate certificate =
        ServerCertificate.load("ns/cert", CA.issue("a.example.com", "*.b.example.com"));
    assertThat(certificate.match("a.example.com")).isEqualTo(ServerCertificate.Match.EXACT);
    assertThat(certificate.match("x.b.example.com")).isEqualTo(ServerCertificate.Match.WILDCARD);
    assertThat(certificate.match("b.example.com")).isEqualTo(ServerCertificate.Match.NONE);
    assertThat(certificate.match("y.x.b.example.com")).isEqualTo(ServerCertificate.Match.NONE);
  }

  @Test
  void refusesWhatIsNotPem() {
    // The upstream suite's malformed Secret: "Hello world" as certificate and key.
    assertThatThrownBy(
            () -> ServerCertificate.check(new CertificatePem("Hello world\n", "Hello world\n")))
        .isInstanceOf(InvalidCertificateException.class)
        .hasMessage("no PEM CERTIFICATE block in the certificate data");
  }

  @Test
  void refusesAKeyOfAnotherCertificateWithoutQuotingIt() {
    CertificatePem one = CA.issue("a.example.com");
    CertificatePem other = CA.issue(KeyType.EC, KeyFormat.TRADITIONAL, "a.example.com");
    for (CertificatePem pem :
        new CertificatePem[] {
          new CertificatePem(one.certificateChain(), CA.issue("a.example.com").privateKey()),
          new CertificatePem(one.certificateChain(), other.privateKey())
        }) {
      assertThatThrownBy(() -> ServerCertificate.check(pem))
          .isInstanceOf(InvalidCertificateException.class)
          .hasMessage("the private key does not belong to the certificate");
    }
  }

  @Test
  void refusesBrokenKeysAndCertificatesWithoutQuotingThem() {
    CertificatePem good = CA.issue("a.example.com");
    String brokenKey =
        good.privateKey().replaceFirst("(?s)(KEY-----\\s*)\\S{20}", "$1AAAAAAAAAAAAAAAAAAAA");
    assertThatThrownBy(
            () -> ServerCertificate.check(new CertificatePem(good.certificateChain(), brokenKey)))
        .isInstanceOf(InvalidCertificateException.class)
        .hasMessageNotContaining("AAAA");
    assertThatThrownBy(
            () ->
                ServerCertificate.check(
                    new CertificatePem(good.certificateChain(), good.certificateChain())))
        .hasMessage("no PEM private key block in the key data");
    assertThatThrownBy(
            () ->
                ServerCertificate.check(
                    new CertificatePem(
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                        good.privateKey())))
        .hasMessage("certificate 1 is not a valid X.509 certificate");
    assertThatThrownBy(
            () ->
                ServerCertificate.check(
                    new CertificatePem(
                        good.certificateChain(),
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                            + "-----END ENCRYPTED PRIVATE KEY-----\n")))
        .hasMessage("encrypted private keys are not supported");
  }

  @Test
  void neverPrintsTheKey() {
    CertificatePem pem = CA.issue("a.example.com");
    assertThat(pem.toString()).doesNotContain("PRIVATE").contains("key hidden");
  }
}
