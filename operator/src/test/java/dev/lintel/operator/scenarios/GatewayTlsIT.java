package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about HTTPS listeners: TLS termination with certificates from Secrets,
 * certificate references and the ReferenceGrants they need, misdirected requests. Each method is
 * named after the upstream test's ShortName; requests are real TLS handshakes whose certificates
 * the client verifies against the base's test authority and the SNI.
 */
class GatewayTlsIT extends ConformanceTest {
  /** What an HTTP or HTTPS listener lists in supportedKinds unless its allowedRoutes narrow it. */
  private static final List<String> HTTP_ROUTE =
      List.of("gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute");

  private static final String HTTPS_GATEWAY = "same-namespace-with-https-listener";

  @Test
  void HTTPRouteHTTPSListener() {
    conformance.apply("httproute-https-listener.yaml");
    expect.gatewayAndRoutesAccepted(
        INFRA, HTTPS_GATEWAY, INFRA, "httproute-https-test", "httproute-https-test-no-hostname");
    expect.routeResolvedRefs(INFRA, "httproute-https-test", INFRA, HTTPS_GATEWAY);
    expect.routeResolvedRefs(INFRA, "httproute-https-test-no-hostname", INFRA, HTTPS_GATEWAY);
    GatewayClient gateway = conformance.gateway(INFRA, HTTPS_GATEWAY, 443);

    gateway.expectTlsBackend("example.org", get("example.org", "/"), INFRA, "infra-backend-v1");
    gateway.expectTlsStatus("unknown-example.org", get("second-example.org", "/"), 404);
    // The listener with a hostname.
    gateway.expectTlsBackend(
        "second-example.org", get("second-example.org", "/"), INFRA, "infra-backend-v1");
    gateway.expectTlsStatus("unknown-example.org", get("unknown-example.org", "/"), 404);
  }

  @Test
  void GatewayInvalidTLSConfiguration() {
    conformance.apply("gateway-invalid-tls-configuration.yaml");
    // Gateway -> the host of the route on its HTTP listener.
    Map<String, String> gateways =
        Map.of(
            "gateway-certificate-nonexistent-secret", "nonexistent-certificate.example.com",
            "gateway-certificate-unsupported-group", "unsupported-group-certificate.example.com",
            "gateway-certificate-unsupported-kind", "unsupported-kind-certificate.example.com",
            "gateway-certificate-malformed-secret", "malformed-certificate.example.com");
    gateways.forEach(
        (name, host) -> {
          expectListenerRefs(name, "https", "InvalidCertificateRef");
          // The Gateway's other listener is not affected.
          expect.listener(
              INFRA, name, "http", 1, HTTP_ROUTE, "Accepted", "True", "ResolvedRefs", "True");
          conformance.gateway(INFRA, name).expectBackend(get(host, "/"), INFRA, "infra-backend-v1");
          // A listener that cannot present a certificate is not served at all.
          assertThatThrownBy(() -> conformance.gateway(INFRA, name, 443))
              .hasMessageContaining("serves no port 443");
        });
  }

  @Test
  void GatewaySecretInvalidReferenceGrant() {
    conformance.apply("gateway-secret-invalid-reference-grant.yaml");
    expectListenerRefs("gateway-secret-invalid-reference-grant", "https", "RefNotPermitted");
  }

  @Test
  void GatewaySecretMissingReferenceGrant() {
    conformance.apply("gateway-secret-missing-reference-grant.yaml");
    expectListenerRefs("gateway-secret-missing-reference-grant", "https", "RefNotPermitted");
    expectListenerRefs(
        "gateway-secret-missing-reference-grant", "https-nonexistent-secret", "RefNotPermitted");
  }

  @Test
  void GatewaySecretReferenceGrantAllInNamespace() {
    expectGrantedCertificateServes(
        "gateway-secret-reference-grant-all-in-namespace.yaml",
        "gateway-secret-reference-grant-all-in-namespace");
  }

  @Test
  void GatewaySecretReferenceGrantSpecific() {
    expectGrantedCertificateServes(
        "gateway-secret-reference-grant-specific.yaml", "gateway-secret-reference-grant-specific");
  }

  @Test
  void GatewayHTTPSListenerDetectMisdirectedRequests() {
    conformance.apply("gateway-https-listener-detect-misdirected-requests.yaml");
    String name = "gateway-misdirected-requests";
    expect.gatewayAndRoutesAccepted(INFRA, name, INFRA, "route-foo", "route-bar");
    GatewayClient gateway = conformance.gateway(INFRA, name, 443);

    String foo = "foo.example.com";
    String bar = "bar.example.com";
    gateway.expectTlsBackend(foo, get(foo, "/"), INFRA, "infra-backend-v1");
    gateway.expectTlsBackend(bar, get(bar, "/"), INFRA, "infra-backend-v2");
    // The certificate is valid for both names, but each connection serves its SNI's listener.
    gateway.expectTlsStatus(foo, get(bar, "/"), 421);
    gateway.expectTlsStatus(bar, get(foo, "/"), 421);
    gateway.expectTlsStatus(foo, get("baz.example.com", "/"), 404);
  }

  @Test
  void GatewayOverlappingTLSConfigHostnames() {
    conformance.apply("gateway-overlapping-tls-config-hostnames.yaml");
    String gateway = "gateway-overlapping-hostnames";
    for (String listener :
        List.of(
            "foo-https",
            "bar-https",
            "wildcard-https",
            "not-overlapping-https",
            "not-overlapping-other-port")) {
      expect.listenerAccepted(INFRA, gateway, listener);
    }
    for (String listener : List.of("foo-https", "bar-https", "wildcard-https")) {
      StatusCondition overlapping =
          status.listener(INFRA, gateway, listener).condition("OverlappingTLSConfig");
      assertThat(overlapping.status()).as("OverlappingTLSConfig of %s", listener).isEqualTo("True");
      assertThat(overlapping.reason()).isEqualTo("OverlappingHostnames");
    }
    for (String listener : List.of("not-overlapping-https", "not-overlapping-other-port")) {
      assertThat(status.listener(INFRA, gateway, listener).conditions())
          .as("conditions of %s", listener)
          .noneMatch(condition -> condition.type().equals("OverlappingTLSConfig"));
    }
  }

  /** The listener's ResolvedRefs is False with {@code reason}; it counts no routes. */
  private void expectListenerRefs(String gateway, String listener, String reason) {
    expect.listener(INFRA, gateway, listener, 0, HTTP_ROUTE, "ResolvedRefs", "False");
    assertThat(status.listener(INFRA, gateway, listener).condition("ResolvedRefs").reason())
        .as("ResolvedRefs reason of listener %s", listener)
        .isEqualTo(reason);
  }

  /**
   * The listener is Programmed with ResolvedRefs=True, and (beyond upstream's status check) a
   * handshake gets the granted certificate: without routes, the request is answered 404.
   */
  private void expectGrantedCertificateServes(String resource, String gateway) {
    conformance.apply(resource);
    expect.listener(
        INFRA, gateway, "https", 0, HTTP_ROUTE, "Programmed", "True", "ResolvedRefs", "True");
    assertThat(status.listener(INFRA, gateway, "https").condition("Programmed").reason())
        .isEqualTo("Programmed");
    conformance
        .gateway(INFRA, gateway, 443)
        .expectTlsStatus("example.com", get("example.com", "/"), 404);
  }
}
