package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about client certificate validation ({@code spec.tls.frontend}): CA
 * bundles from ConfigMaps, the default and per-port configurations, {@code AllowInsecureFallback}
 * and invalid references. Each method is named after the upstream test's ShortName; requests are
 * real TLS handshakes that present the client certificate the upstream test presents, or none.
 */
class GatewayFrontendTlsIT extends ConformanceTest {
  /** What an HTTP or HTTPS listener lists in supportedKinds unless its allowedRoutes narrow it. */
  private static final List<String> HTTP_ROUTE =
      List.of("gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute");

  private static final String EXAMPLE = "example.org";
  private static final String SECOND = "second-example.org";

  @Test
  void GatewayFrontendClientCertificateValidation() {
    conformance.apply("gateway-with-clientcertificate-validation.yaml");
    String name = "client-validation-default";
    String route = "client-certificate-validation-https-test";
    String routeNoHostname = "client-certificate-validation-https-test-no-hostname";
    expect.gatewayAndRoutesAccepted(INFRA, name, INFRA, route, routeNoHostname);
    expect.routeResolvedRefs(INFRA, route, INFRA, name);
    expect.routeResolvedRefs(INFRA, routeNoHostname, INFRA, name);
    SSLContext defaultClient = conformance.trustPresentingClientCertificate();
    SSLContext perPortClient = conformance.trustPresentingPerPortClientCertificate();

    // The default configuration, on 443.
    conformance
        .gateway(INFRA, name, 443, defaultClient)
        .expectTlsBackend(EXAMPLE, get(EXAMPLE, "/"), INFRA, "infra-backend-v1");
    expectRefused(conformance.gateway(INFRA, name, 443, perPortClient), EXAMPLE);
    // Beyond upstream: a client without a certificate is refused too.
    expectRefused(conformance.gateway(INFRA, name, 443), EXAMPLE);

    // The per-port configuration, on 8443.
    conformance
        .gateway(INFRA, name, 8443, perPortClient)
        .expectTlsBackend(SECOND, get(SECOND, "/"), INFRA, "infra-backend-v2");
    expectRefused(conformance.gateway(INFRA, name, 8443, defaultClient), SECOND);
    expectRefused(conformance.gateway(INFRA, name, 8443), SECOND);
  }

  @Test
  void GatewayFrontendClientCertificateValidationInsecureFallback() {
    conformance.apply("gateway-with-clientcertificate-validation-insecure-fallback.yaml");
    String name = "client-validation-insecure-fallback";
    String route = "client-certificate-validation-insecure-fallback-https-test";
    String routeNoHostname =
        "client-certificate-validation-insecure-fallback-https-test-no-hostname";
    expect.gatewayAndRoutesAccepted(INFRA, name, INFRA, route, routeNoHostname);
    expect.routeResolvedRefs(INFRA, route, INFRA, name);
    expect.routeResolvedRefs(INFRA, routeNoHostname, INFRA, name);
    StatusCondition insecure =
        status.gatewayCondition(INFRA, name, "InsecureFrontendValidationMode");
    assertThat(insecure.status()).as("%s", insecure).isEqualTo("True");
    assertThat(insecure.reason()).isEqualTo("ConfigurationChanged");
    assertThat(insecure.observedGeneration()).isEqualTo(status.generation("Gateway", INFRA, name));

    List<SSLContext> clients =
        List.of(
            conformance.trustPresentingClientCertificate(),
            conformance.trustPresentingPerPortClientCertificate(),
            conformance.trust());
    for (SSLContext client : clients) {
      conformance
          .gateway(INFRA, name, 443, client)
          .expectTlsBackend(EXAMPLE, get(EXAMPLE, "/"), INFRA, "infra-backend-v1");
      conformance
          .gateway(INFRA, name, 8443, client)
          .expectTlsBackend(SECOND, get(SECOND, "/"), INFRA, "infra-backend-v2");
    }
  }

  @Test
  void GatewayFrontendInvalidDefaultClientCertificateValidation() {
    conformance.apply("gateway-invalid-default-frontend-client-certificate-validation.yaml");
    String name = "invalid-default-client-validation-config";

    // The HTTP listener is not affected.
    expectListenerServes(name, "http", 1);
    conformance.gateway(INFRA, name).expectBackend(get(EXAMPLE, "/"), INFRA, "infra-backend-v1");

    expectInvalidValidation(name, "https", 1, "InvalidCACertificateRef");
    // Not served at all: no TLS request to 443 can succeed.
    assertThatThrownBy(() -> conformance.gateway(INFRA, name, 443))
        .hasMessageContaining("serves no port 443");
  }

  @Test
  void GatewayInvalidFrontendClientCertificateValidation() {
    conformance.apply("gateway-with-invalid-clientcertificate-validation.yaml");
    String name = "gateway-with-invalid-client-cert-validation";

    expectListenerServes(name, "https", 0);
    expectInvalidValidation(name, "https-unresolved", 0, "InvalidCACertificateRef");
    expectInvalidValidation(name, "https-invalid-kind", 0, "InvalidCACertificateKind");
    expectInvalidValidation(name, "https-grant-missing", 0, "RefNotPermitted");
  }

  /** The listener is ResolvedRefs, Accepted and Programmed, with {@code attachedRoutes} routes. */
  private void expectListenerServes(String gateway, String listener, int attachedRoutes) {
    expect.listener(
        INFRA,
        gateway,
        listener,
        attachedRoutes,
        HTTP_ROUTE,
        "ResolvedRefs",
        "True",
        "Accepted",
        "True",
        "Programmed",
        "True");
  }

  /**
   * The listener's ResolvedRefs is False with {@code reason}, Accepted False with
   * NoValidCACertificate, Programmed False; {@code attachedRoutes} routes are counted all the same
   * (attachment depends on allowedRoutes and parentRefs alone, as the spec defines it).
   */
  private void expectInvalidValidation(
      String gateway, String listener, int attachedRoutes, String reason) {
    expect.listener(
        INFRA,
        gateway,
        listener,
        attachedRoutes,
        HTTP_ROUTE,
        "ResolvedRefs",
        "False",
        "Accepted",
        "False",
        "Programmed",
        "False");
    ListenerState state = status.listener(INFRA, gateway, listener);
    assertThat(state.condition("ResolvedRefs").reason())
        .as("ResolvedRefs reason of listener %s", listener)
        .isEqualTo(reason);
    assertThat(state.condition("Accepted").reason())
        .as("Accepted reason of listener %s", listener)
        .isEqualTo("NoValidCACertificate");
  }

  /** A TLS request with this client's certificate (or none) does not get an answer. */
  private static void expectRefused(GatewayClient gateway, String host) {
    assertThatThrownBy(() -> gateway.sendTls(host, get(host, "/")))
        .isInstanceOf(UncheckedIOException.class);
  }
}
