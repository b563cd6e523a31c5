package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ConformanceRuntime.REENCRYPTED_TCP_BACKEND;
import static dev.lintel.operator.scenarios.ConformanceRuntime.TLS_BACKEND;
import static dev.lintel.operator.scenarios.ConformanceRuntime.TLS_BACKEND_CLIENT_VALIDATION;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.testing.TlsEchoClient;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about TLS from the Gateway to backends: BackendTLSPolicy (CA
 * certificates, hostname as SNI and as the name checked, subjectAltNames, conflicts, invalid
 * references) and the Gateway's backend client certificate. Each method is named after the upstream
 * test's ShortName. The backends are real TLS echo servers whose certificate was issued by the
 * authority of the base's {@code tls-checks-ca-certificate}; each answer says which SNI the proxy
 * sent and which client certificate it presented, so a test sees which policy was used. The gRPC
 * one is a grpc-java echo server over TLS ({@link GrpcEchoServers#startTls}).
 */
class BackendTlsPolicyIT extends ConformanceTest {
  private static final String SAME_NAMESPACE = "same-namespace";
  private static final String HOST = "abc.example.com";
  private static final String BACKEND = name(TLS_BACKEND);

  private static String name(String service) {
    return service.substring(service.indexOf('/') + 1);
  }

  @Test
  void BackendTLSPolicy() {
    conformance.apply("backendtlspolicy.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, "backendtlspolicy");
    expect.routeResolvedRefs(INFRA, "backendtlspolicy", INFRA, SAME_NAMESPACE);
    // A wrong hostname or authority is found only at the handshake: the policies are valid.
    for (String policy : List.of("normative-test", "host-mismatch", "cert-mismatch")) {
      expectPolicyValid(policy, SAME_NAMESPACE);
    }
    GatewayClient gateway = conformance.gateway(INFRA, SAME_NAMESPACE);

    EchoedRequest echoed = gateway.expectBackend(get(HOST, "/backendtlspolicy"), INFRA, BACKEND);
    assertThat(echoed.tlsServerName()).isEqualTo(HOST);
    assertThat(echoed.path()).isEqualTo("/backendtlspolicy");
    // The backend's certificate is not for the policy's hostname / not of the trusted authority.
    gateway.expectStatus(get("abc.example.org", "/backendtlspolicy-host-mismatch"), 502);
    gateway.expectStatus(get(HOST, "/backendtlspolicy-cert-mismatch"), 502);

    // Re-encrypt: TLS from the client ends at the Gateway, new TLS to the backend.
    String https = "same-namespace-with-https-listener";
    expect.gatewayAndRoutesAccepted(INFRA, https, INFRA, "backendtlspolicy-reencrypt");
    expect.routeResolvedRefs(INFRA, "backendtlspolicy-reencrypt", INFRA, https);
    expectPolicyValid("normative-test", https);
    EchoedRequest reencrypted =
        conformance
            .gateway(INFRA, https, 443)
            .expectTlsBackend(HOST, get(HOST, "/backendtlspolicy"), INFRA, BACKEND);
    assertThat(reencrypted.tlsServerName()).isEqualTo(HOST);
  }

  @Test
  void BackendTLSPolicyReencrypt() {
    conformance.apply("backendtlspolicy-reencrypt.yaml");
    String https = "same-namespace-with-https-listener";
    String route = "backendtlspolicy-reencrypt";
    expect.gatewayAndRoutesAccepted(INFRA, https, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, https);
    expectPolicyValid("reencrypt-test", https);

    String host = "reencrypt.example.org";
    EchoedRequest echoed =
        conformance
            .gateway(INFRA, https, 443)
            .expectTlsBackend(host, get(host, "/backendtlspolicy"), INFRA, BACKEND);
    // The client's SNI ends at the Gateway; the backend sees the policy's hostname.
    assertThat(echoed.tlsServerName()).isEqualTo(HOST);
    assertThat(echoed.path()).isEqualTo("/backendtlspolicy");
  }

  @Test
  void BackendTLSPolicySANValidation() {
    conformance.apply("backendtlspolicy-san.yaml");
    String route = "backendtlspolicy-san-test";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, SAME_NAMESPACE);
    GatewayClient gateway = conformance.gateway(INFRA, SAME_NAMESPACE);

    for (String matching : List.of("san-dns", "san-uri", "multiple-sans")) {
      expectPolicyValid(matching, SAME_NAMESPACE);
      EchoedRequest echoed =
          gateway.expectBackend(get(HOST, "/backendtlspolicy-" + matching), INFRA, BACKEND);
      assertThat(echoed.tlsServerName()).as(matching).isEqualTo(HOST);
    }
    for (String mismatching :
        List.of("san-dns-mismatch", "san-uri-mismatch", "multiple-mismatch-sans")) {
      expectPolicyValid(mismatching, SAME_NAMESPACE);
      // The hostname alone would pass: the names asked for are not on the certificate.
      gateway.expectStatus(get(HOST, "/backendtlspolicy-" + mismatching), 502);
    }
  }

  @Test
  void BackendTLSPolicyConflictResolution() {
    conformance.apply("backendtlspolicy-conflict-resolution.yaml");
    String route = "backendtlspolicy-conflict-resolution";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, SAME_NAMESPACE);
    GatewayClient gateway = conformance.gateway(INFRA, SAME_NAMESPACE);

    for (String pair : List.of("without-section-name", "with-section-name")) {
      expectPolicyValid("conflicted-" + pair + "-1", SAME_NAMESPACE);
      expect.policyCondition(
          INFRA,
          "conflicted-" + pair + "-2",
          INFRA,
          SAME_NAMESPACE,
          "Accepted",
          "False",
          "Conflicted");
      // The older policy's hostname is the SNI the backend sees.
      expectSni(gateway, "/backendtlspolicy-conflicted-" + pair, "other.example.com");
    }

    expectPolicyValid("not-conflicted-with-section-name", SAME_NAMESPACE);
    expectPolicyValid("not-conflicted-without-section-name", SAME_NAMESPACE);
    // Port https-1 has its own policy; port https-2 takes the one for the whole Service.
    expectSni(gateway, "/backendtlspolicy-not-conflicted-with-section-name", "other.example.com");
    expectSni(gateway, "/backendtlspolicy-not-conflicted-without-section-name", HOST);
  }

  @Test
  void BackendTLSPolicyInvalidCACertificateRef() {
    conformance.apply("backendtlspolicy-invalid-ca-certificate-ref.yaml");
    String route = "backendtlspolicy-invalid-ca-certificate-ref";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);
    GatewayClient gateway = conformance.gateway(INFRA, SAME_NAMESPACE);

    for (String policy :
        List.of("nonexistent-ca-certificate-ref", "malformed-ca-certificate-ref")) {
      expectPolicyInvalid(policy, "InvalidCACertificateRef");
      gateway.expectStatus(get(HOST, "/backendtlspolicy-" + policy), 500);
    }
    // Beyond upstream: the route says why its backends are answered 500.
    expect.routeCondition(
        INFRA, route, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", "InvalidBackendTLSPolicy");
  }

  @Test
  void BackendTLSPolicyInvalidKind() {
    conformance.apply("backendtlspolicy-invalid-kind.yaml");
    String route = "backendtlspolicy-invalid-kind-test";
    expect.gatewayAndRoutesAccepted(INFRA, SAME_NAMESPACE, INFRA, route);

    expectPolicyInvalid("invalid-kind", "InvalidKind");
    conformance
        .gateway(INFRA, SAME_NAMESPACE)
        .expectStatus(get(HOST, "/backendtlspolicy-invalid-kind"), 500);
  }

  @Test
  void BackendTLSPolicyObservedGenerationBump() {
    String policy = "observed-generation-bump";
    conformance.apply("backendtlspolicy-observed-generation-bump.yaml");
    expect.conditionsAreLatestOfPolicy(INFRA, policy, INFRA, SAME_NAMESPACE);
    long before = status.generation("BackendTLSPolicy", INFRA, policy);

    conformance.update(
        "backendtlspolicy-observed-generation-bump.yaml",
        "backendtlspolicy-observed-generation-bump-changed.yaml");

    assertThat(status.generation("BackendTLSPolicy", INFRA, policy)).isNotEqualTo(before);
    expect.policyCondition(INFRA, policy, INFRA, SAME_NAMESPACE, "Accepted", "True", null);
    expect.conditionsAreLatestOfPolicy(INFRA, policy, INFRA, SAME_NAMESPACE);
  }

  @Test
  void BackendTLSPolicyGRPCRoute() {
    conformance.apply("backendtlspolicy-grpcroute.yaml");
    String route = "backendtlspolicy-grpcroute";
    GrpcRouteIT.gatewayAndRoutesAccepted(SAME_NAMESPACE, route);
    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME_NAMESPACE);
    String backend = name(ConformanceRuntime.GRPC_TLS_BACKEND);

    expectPolicyValid("grpc-normative-test", SAME_NAMESPACE);
    // The route's only endpoint is the echo server's port over TLS: answering means TLS with h2.
    gateway.expectBackend(GrpcEcho.ECHO, HOST, Map.of(), INFRA, backend);

    // A wrong hostname or authority is found only at the handshake: the policies are valid, the
    // calls fail and never reach the backend.
    int answered = conformance.grpcBackends().answered(INFRA, backend).size();
    expectPolicyValid("grpc-host-mismatch", SAME_NAMESPACE);
    gateway.expectCode(GrpcEcho.ECHO_TWO, HOST, Map.of(), Status.Code.UNAVAILABLE);

    GrpcRouteIT.gatewayAndRoutesAccepted(SAME_NAMESPACE, route + "-cert-mismatch");
    expectPolicyValid("grpc-cert-mismatch", SAME_NAMESPACE);
    gateway.expectCode(
        GrpcEcho.ECHO, "cert-mismatch.example.com", Map.of(), Status.Code.UNAVAILABLE);
    assertThat(conformance.grpcBackends().answered(INFRA, backend)).hasSize(answered);
  }

  @Test
  void BackendTLSPolicyTLSRouteTerminate() throws IOException {
    conformance.apply("backendtlspolicy-tlsroute-terminate.yaml");
    String gateway = "gateway-btls-tlsroute-terminate";
    new TlsRouteAssertions(status, expect)
        .gatewayAndRoutesAccepted(INFRA, gateway, INFRA, "backendtlspolicy-tlsroute-terminate");
    expectPolicyValid("btls-tlsroute-terminate-test", gateway);

    // The Gateway's certificate answers the client; the backend, whose certificate only the
    // policy's bundle trusts, answers inside a second TLS session carrying the policy's hostname.
    try (TlsEchoClient connection =
        conformance.gateway(INFRA, gateway, 8443).connectTls("tls.example.com")) {
      assertThat(connection.dnsNames()).contains("*.example.com");
      assertThat(connection.greeting()).isEqualTo(REENCRYPTED_TCP_BACKEND);
      assertThat(conformance.reencryptedTcpBackendServerName()).isEqualTo(HOST);
      connection.send("re-encrypted".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(connection.read(12), StandardCharsets.UTF_8)).isEqualTo("re-encrypted");
    }
  }

  @Test
  void GatewayTLSBackendClientCertificate() {
    conformance.apply("gateway-tls-backend-client-certificate.yaml");
    String name = "gateway-tls-backend-client-certificate";
    expect.gatewayAndRoutesAccepted(INFRA, name, INFRA, name);
    expect.routeResolvedRefs(INFRA, name, INFRA, name);
    expect.policyCondition(
        INFRA,
        "gateway-tls-backend-client-certificate-test",
        INFRA,
        name,
        "Accepted",
        "True",
        "Accepted");
    StatusCondition resolvedRefs = status.gatewayCondition(INFRA, name, "ResolvedRefs");
    assertThat(resolvedRefs.status()).as("%s", resolvedRefs).isEqualTo("True");
    assertThat(resolvedRefs.reason()).isEqualTo("ResolvedRefs");

    EchoedRequest echoed =
        conformance
            .gateway(INFRA, name)
            .expectBackend(get(HOST, "/"), INFRA, name(TLS_BACKEND_CLIENT_VALIDATION));
    // The backend refuses a handshake without a certificate of its authority: it got this one.
    assertThat(echoed.tlsClientCertificate()).isEqualTo("CN=tls-checks-client");
    assertThat(echoed.tlsServerName()).isEqualTo(HOST);
  }

  @Test
  void GatewayInvalidTLSBackendConfiguration() {
    conformance.apply("gateway-invalid-tls-backend-configuration.yaml");
    List<String> invalid =
        List.of(
            "gateway-client-certificate-nonexistent-secret",
            "gateway-client-certificate-unsupported-group",
            "gateway-client-certificate-unsupported-kind",
            "gateway-client-certificate-malformed-secret");
    for (String gateway : invalid) {
      expectGatewayClientCertificate(gateway, "InvalidClientCertificateRef");
    }
    expectGatewayClientCertificate(
        "gateway-client-certificate-missing-reference-grant", "RefNotPermitted");
  }

  /** The Gateway is accepted, its conditions are latest, ResolvedRefs False with {@code reason}. */
  private void expectGatewayClientCertificate(String gateway, String reason) {
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    StatusCondition accepted = status.gatewayCondition(INFRA, gateway, "Accepted");
    assertThat(accepted.status()).as("Accepted of %s: %s", gateway, accepted).isEqualTo("True");
    assertThat(accepted.reason()).isEqualTo("Accepted");
    StatusCondition resolvedRefs = status.gatewayCondition(INFRA, gateway, "ResolvedRefs");
    assertThat(resolvedRefs.status())
        .as("ResolvedRefs of %s: %s", gateway, resolvedRefs)
        .isEqualTo("False");
    assertThat(resolvedRefs.reason()).as("ResolvedRefs reason of %s", gateway).isEqualTo(reason);
  }

  private static void expectPolicyValid(String policy, String gateway) {
    expect.policyCondition(INFRA, policy, INFRA, gateway, "Accepted", "True", "Accepted");
    expect.policyCondition(INFRA, policy, INFRA, gateway, "ResolvedRefs", "True", "ResolvedRefs");
  }

  private static void expectPolicyInvalid(String policy, String resolvedRefsReason) {
    expect.policyCondition(
        INFRA, policy, INFRA, SAME_NAMESPACE, "Accepted", "False", "NoValidCACertificate");
    expect.policyCondition(
        INFRA, policy, INFRA, SAME_NAMESPACE, "ResolvedRefs", "False", resolvedRefsReason);
  }

  private static void expectSni(GatewayClient gateway, String path, String serverName) {
    EchoedRequest echoed = gateway.expectBackend(get(HOST, path), INFRA, BACKEND);
    assertThat(echoed.tlsServerName()).as("SNI sent for %s", path).isEqualTo(serverName);
  }
}
