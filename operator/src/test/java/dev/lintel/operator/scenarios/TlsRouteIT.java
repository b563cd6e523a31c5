package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lintel.proxy.testing.TlsEchoClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests of the GATEWAY-TLS profile: TLS listeners, TLSRoutes chosen by SNI,
 * passed through to TLS backends or terminated in front of clear-text ones. Each method is named
 * after the upstream test's ShortName. A passthrough client trusts only the TLS backends' own
 * authority, so a completed handshake shows that the proxy did not terminate; the backend names
 * itself first on every connection, so the client knows which Service answered.
 */
class TlsRouteIT extends ConformanceTest {
  private static final List<String> TLS_ROUTE = List.of("gateway.networking.k8s.io/TLSRoute");
  private static final List<String> HTTP_ROUTE = List.of("gateway.networking.k8s.io/HTTPRoute");
  private static TlsRouteAssertions expectTls;

  @BeforeAll
  static void tlsAssertions() {
    expectTls = new TlsRouteAssertions(status, expect);
  }

  @Test
  void TLSRouteSimpleSameNamespace() throws IOException {
    conformance.apply("tlsroute-simple-same-namespace.yaml");
    expectTls.gatewayAndRoutesAccepted(
        INFRA, "gateway-tlsroute", INFRA, "gateway-conformance-infra-test");

    expectPassedThrough(passthrough("gateway-tlsroute", 443), "abc.example.com", "l4-backend");
  }

  @Test
  void TLSRouteInvalidReferenceGrant() throws IOException {
    conformance.apply("tlsroute-invalid-reference-grant.yaml");
    String gateway = "gateway-tlsroute-referencegrant";
    String route = "gateway-conformance-infra-test";
    expectTls.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, route);
    expectTls.condition(INFRA, route, INFRA, gateway, "ResolvedRefs", "False", "RefNotPermitted");
    // Beyond upstream: the connection is closed, and the missing grant lets it through.
    expectRefused(passthrough(gateway, 443), "abc.example.com");

    conformance.apply("tlsroute-valid-reference-grant.yaml");
    expectTls.routeAcceptedAndResolved(INFRA, route, INFRA, gateway);
    expectPassedThrough(
        passthrough(gateway, 443),
        "abc.example.com",
        ConformanceRuntime.APP_BACKEND,
        "tls-backend");
  }

  @Test
  void TLSRouteHostnameIntersection() throws IOException {
    conformance.apply("tlsroute-hostname-intersection.yaml");

    String exact = "gw-tlsroute-exact-hostname-x-1";
    expectTls.gatewayAndRoutesAccepted(
        INFRA, exact, INFRA, "tlsroute-more-specific-wc-hostname-x-1");
    expectTls.routeAcceptedAndResolved(
        INFRA, "tlsroute-more-specific-wc-hostname-x-1", INFRA, exact);
    expectPassedThrough(passthrough(exact, 443), "abc.example.com", "tls-backend");
    expectRefused(passthrough(exact, 443), "non.matching.com");

    expectIntersection(
        "gw-tlsroute-more-specific-wc-hostname-x-2",
        "tlsroute-exact-hostname-x-2",
        "tlsroute-less-specific-wc-hostname-x-2",
        "non.matching.com");
    expectIntersection(
        "gw-tlsroute-less-specific-wc-hostname-x-3",
        "tlsroute-exact-hostname-x-3",
        "tlsroute-more-specific-wc-hostname-x-3",
        "non.matching.com");
    expectIntersection(
        "gw-tlsroute-empty-hostname-x-4",
        "tlsroute-exact-hostname-x-4",
        "tlsroute-less-specific-wc-hostname-x-4",
        "non.matching.org");
  }

  /**
   * abc.example.com reaches the exact route's tls-backend, other.example.com the wildcard route's
   * tls-backend-2, and a name outside the intersection no backend.
   */
  private static void expectIntersection(
      String gateway, String exactRoute, String wildcardRoute, String unmatched)
      throws IOException {
    expectTls.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, exactRoute, wildcardRoute);
    expectTls.routeAcceptedAndResolved(INFRA, exactRoute, INFRA, gateway);
    expectTls.routeAcceptedAndResolved(INFRA, wildcardRoute, INFRA, gateway);
    GatewayClient client = passthrough(gateway, 443);
    expectPassedThrough(client, "abc.example.com", "tls-backend");
    expectPassedThrough(client, "other.example.com", "tls-backend-2");
    expectRefused(client, unmatched);
  }

  @Test
  void TLSRouteInvalidNoMatchingListener() {
    conformance.apply("tlsroute-invalid-no-matching-listener.yaml");
    expectNotAllowed("tlsroute-no-matching-listener", "gateway-http-only");
    expectNotAllowed("tlsroute-not-allowed-kind", "gateway-tls-httproute-only");
    expectNotAllowed("tlsroute-wrong-protocol", "gateway-https-only");
    expectTls.condition(
        INFRA,
        "tlsroute-no-matching-section-name",
        INFRA,
        "gateway-tlsroute-tls-passthrough-only",
        "Accepted",
        "False",
        "NoMatchingParent");
    expectTls.routeHasNoAcceptedParents(INFRA, "tlsroute-no-matching-section-name");
    expect.gatewayHasZeroRoutes(INFRA, "gateway-http-only");
    expect.gatewayHasZeroRoutes(INFRA, "gateway-tls-httproute-only");
    expect.gatewayHasZeroRoutes(INFRA, "gateway-https-only");
  }

  private static void expectNotAllowed(String route, String gateway) {
    expectTls.condition(INFRA, route, INFRA, gateway, "Accepted", "False", "NotAllowedByListeners");
    expectTls.routeHasNoAcceptedParents(INFRA, route);
  }

  @Test
  void TLSRouteInvalidNoMatchingListenerHostname() {
    conformance.apply("tlsroute-invalid-no-matching-listener-hostname.yaml");
    for (String[] pair :
        new String[][] {
          {"tlsroute-hostname-mismatch-1", "gateway-tls-exact-hostname"},
          {"tlsroute-hostname-mismatch-2", "gateway-tls-wildcard-hostname"}
        }) {
      expectTls.condition(
          INFRA, pair[0], INFRA, pair[1], "Accepted", "False", "NoMatchingListenerHostname");
      expectTls.routeHasNoAcceptedParents(INFRA, pair[0]);
      expect.gatewayHasZeroRoutes(INFRA, pair[1]);
    }
  }

  @Test
  void TLSRouteInvalidBackendRefNonexistent() throws IOException {
    conformance.apply("tlsroute-invalid-backendref-nonexistent.yaml");
    String gateway = "gateway-tlsroute-invalid-backend-ref-nonexistent";
    String route = "invalid-backend-ref-nonexistent";
    expectTls.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, route);
    expectTls.condition(INFRA, route, INFRA, gateway, "ResolvedRefs", "False", "BackendNotFound");

    expectRefused(passthrough(gateway, 443), "example.com");
  }

  @Test
  void TLSRouteListenerPassthroughSupportedKinds() {
    conformance.apply("tlsroute-listener-passthrough-supported-kinds.yaml");
    String gateway = "gateway-tlsroute-passthrough-supported-kind";
    expect.listener(INFRA, gateway, "tls-passthrough", 0, TLS_ROUTE, "ResolvedRefs", "False");
    assertThat(
            status.listener(INFRA, gateway, "tls-passthrough").condition("ResolvedRefs").reason())
        .isEqualTo("InvalidRouteKinds");
  }

  @Test
  void TLSRouteMultipleRoutesAttachmentSameHostnameIntersection() throws IOException {
    conformance.apply("tlsroute-multiple-routes-attachment-same-hostname-intersection.yaml");
    expectTls.gatewayAndRoutesAccepted(
        INFRA, "gw-tlsroute-exact-hostname-x", INFRA, "tlsroute-wc-hostname-x-older");
    expectTls.gatewayAndRoutesAccepted(
        INFRA, "gw-tlsroute-wc-hostname-x", INFRA, "tlsroute-less-specific-wc-hostname-x-older");
    // Before the newer routes exist, the older ones serve.
    expectPassedThrough(
        passthrough("gw-tlsroute-exact-hostname-x", 443), "abc.example.com", "tls-backend");

    conformance.apply("tlsroute-multiple-routes-attachment-same-hostname-intersection-newer.yaml");
    for (String[] pair :
        new String[][] {
          {"gw-tlsroute-exact-hostname-x", "tlsroute-wc-hostname-x-older"},
          {"gw-tlsroute-exact-hostname-x", "tlsroute-exact-hostname-x-newer"},
          {"gw-tlsroute-wc-hostname-x", "tlsroute-less-specific-wc-hostname-x-older"},
          {"gw-tlsroute-wc-hostname-x", "tlsroute-more-specific-wc-hostname-x-newer"}
        }) {
      expectTls.routeAcceptedAndResolved(INFRA, pair[1], INFRA, pair[0]);
    }
    // The route with the more specific own hostname wins although it is newer.
    expectPassedThrough(
        passthrough("gw-tlsroute-exact-hostname-x", 443), "abc.example.com", "tls-backend-2");
    expectPassedThrough(
        passthrough("gw-tlsroute-wc-hostname-x", 443), "abc.example.com", "tls-backend-2");
  }

  @Test
  void TLSRouteTerminateSimpleSameNamespace() throws IOException {
    conformance.apply("tlsroute-terminate-simple-same-namespace.yaml");
    String gateway = "gateway-tlsroute-terminate";
    expectTls.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, "gateway-conformance-mqtt-test");

    // The Gateway's certificate (the base's authority), the clear-text backend behind it. Upstream
    // runs an MQTT publish and subscribe over the connection; an echo round trip shows the same.
    GatewayClient client = conformance.gateway(INFRA, gateway, 8443);
    try (TlsEchoClient connection = client.connectTls("tls.example.com")) {
      assertThat(connection.greeting()).isEqualTo(TlsBackends.PLAIN.get(0));
      connection.send("Hello TLSRoute Terminate!".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(connection.read(25), StandardCharsets.UTF_8))
          .isEqualTo("Hello TLSRoute Terminate!");
    }
  }

  @Test
  void TLSRouteMixedTerminationSameNamespace() throws IOException {
    conformance.apply("tlsroute-mixed-termination-same-namespace.yaml");
    String gateway = "gateway-tlsroute-mixed-termination";
    expectTls.gatewayAndRoutesAccepted(
        INFRA,
        gateway,
        INFRA,
        "gateway-conformance-mixed-passthroughroute",
        "gateway-conformance-mixed-terminateroute");
    expect.listener(INFRA, gateway, "tls-terminate", 1, TLS_ROUTE, "Accepted", "True");
    expect.listener(INFRA, gateway, "tls-passthrough", 1, TLS_ROUTE, "Accepted", "True");

    // One port, two modes: the Gateway's certificate and the clear-text port of tcp-backend...
    try (TlsEchoClient connection =
        conformance.gateway(INFRA, gateway, 8883).connectTls("tls.example.com")) {
      assertThat(connection.greeting()).isEqualTo(TlsBackends.PLAIN.get(1));
    }
    // ... and the backend's own certificate on its TLS port.
    expectPassedThrough(passthrough(gateway, 8883), "abc.example.com", "tcp-backend");
  }

  @Test
  void GatewayHTTPSAndTLSPassthroughSamePort() throws IOException {
    conformance.apply("gateway-https-and-tls-passthrough-same-port.yaml");
    String gateway = "gateway-https-tls-passthrough-same-port";
    expect.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, "gateway-conformance-https-terminate");
    expectTls.gatewayAndRoutesAccepted(
        INFRA, gateway, INFRA, "gateway-conformance-tls-passthrough");
    expect.listener(INFRA, gateway, "https-terminate", 1, HTTP_ROUTE, "Accepted", "True");
    expect.listener(INFRA, gateway, "tls-passthrough", 1, TLS_ROUTE, "Accepted", "True");

    // The wildcard's SNI is terminated by the Gateway and served as HTTP...
    conformance
        .gateway(INFRA, gateway, 8884)
        .expectTlsBackend(
            "other.example.com", get("other.example.com", "/"), INFRA, "infra-backend-v1");
    // ... the exact hostname's is passed through to the TLS backend.
    expectPassedThrough(passthrough(gateway, 8884), "abc.example.com", "tcp-backend");
  }

  @Test
  void GatewayListenerProtocolAndRouteKindConflicts() throws IOException {
    conformance.apply("gateway-listener-protocol-and-route-kind-conflicts.yaml");
    String gateway = "tlsroutes-only";
    expect.routeResolvedRefs(INFRA, "disallowed-kind", INFRA, gateway);
    expect.routeCondition(
        INFRA, "disallowed-kind", INFRA, gateway, "Accepted", "False", "NotAllowedByListeners");
    expect.routeHasNoAcceptedParents(INFRA, "disallowed-kind");

    expectTls.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, "mixed-protocol-conflict-control");
    expectPassedThrough(passthrough(gateway, 443), "abc.example.com", "tcp-backend");

    for (String listener : List.of("conflicted-https", "conflicted-tls")) {
      ListenerState state = status.listener(INFRA, gateway, listener);
      assertThat(state.condition("Accepted").status()).isEqualTo("False");
      assertThat(state.condition("Programmed").status()).isEqualTo("False");
      assertThat(state.condition("Conflicted").status()).isEqualTo("True");
      assertThat(state.condition("Conflicted").reason()).isEqualTo("ProtocolConflict");
      assertThat(state.attachedRoutes()).isZero();
    }
    assertThat(status.listener(INFRA, gateway, "tls").attachedRoutes()).isEqualTo(1);
    // Neither conflicting listener serves: port 8443 is not served at all.
    assertThatThrownBy(() -> conformance.gateway(INFRA, gateway, 8443))
        .hasMessageContaining("serves no port 8443");
  }

  @Test
  void HTTPRouteDisallowedKind() {
    conformance.apply("httproute-disallowed-kind.yaml");
    String gateway = "tlsroutes-only";
    expect.routeResolvedRefs(INFRA, "disallowed-kind", INFRA, gateway);
    expect.routeCondition(
        INFRA, "disallowed-kind", INFRA, gateway, "Accepted", "False", "NotAllowedByListeners");
    expect.routeHasNoAcceptedParents(INFRA, "disallowed-kind");
    expect.gatewayHasZeroRoutes(INFRA, gateway);
  }

  @Test
  void ListenerSetMixedProtocolConflict() throws IOException {
    conformance.apply("listenerset-mixed-protocol-conflict.yaml");
    String gateway = "gateway-listenerset-conflicts";
    String listenerSet = "listenerset-mixed-protocol-conflict";
    expect.gatewayAndRoutesAccepted(INFRA, gateway, INFRA, "listenerset-mixed-protocol-control");
    expect.routeResolvedRefs(INFRA, "listenerset-mixed-protocol-control", INFRA, gateway);
    conformance
        .gateway(INFRA, gateway)
        .expectBackend(get("control.example.com", "/control"), INFRA, "infra-backend-v1");

    expect.listenerSetAccepted(INFRA, listenerSet);
    ListenerState tls = status.listenerSetListener(INFRA, listenerSet, "tls");
    for (String type : List.of("Accepted", "Programmed")) {
      assertThat(tls.condition(type).status()).as(type).isEqualTo("False");
      assertThat(tls.condition(type).reason()).as(type).isEqualTo("ProtocolConflict");
    }
    assertThat(tls.condition("Conflicted").status()).isEqualTo("True");
    assertThat(tls.condition("Conflicted").reason()).isEqualTo("ProtocolConflict");

    // The Gateway's HTTPS listener, merged first, keeps the port and serves.
    expect.routeResolvedRefs(INFRA, "listenerset-mixed-protocol-https", INFRA, gateway);
    conformance
        .gateway(INFRA, gateway, 8443)
        .expectTlsBackend(
            "https.example.org", get("https.example.org", "/https"), INFRA, "infra-backend-v1");
    // The conflicted TLS listener completes no handshake for its route's name.
    expectRefused(passthrough(gateway, 8443), "abc.example.com");
  }

  /** A client of a Gateway port that trusts only the TLS backends, as a passthrough client. */
  private static GatewayClient passthrough(String gateway, int port) {
    return conformance.gateway(INFRA, gateway, port, conformance.trustTlsBackends());
  }

  private static void expectPassedThrough(GatewayClient client, String sni, String service)
      throws IOException {
    expectPassedThrough(client, sni, INFRA, service);
  }

  /**
   * A connection with {@code sni} completes its handshake with the backend's own certificate, and
   * the backend of Service {@code namespace/service} answers and echoes.
   */
  private static void expectPassedThrough(
      GatewayClient client, String sni, String namespace, String service) throws IOException {
    try (TlsEchoClient connection = client.connectTls(sni)) {
      assertThat(connection.greeting())
          .as("backend reached with SNI %s", sni)
          .isEqualTo(namespace + "/" + service);
      connection.send(sni.getBytes(StandardCharsets.UTF_8));
      assertThat(new String(connection.read(sni.length()), StandardCharsets.UTF_8)).isEqualTo(sni);
    }
  }

  /** A connection with {@code sni} is closed before its handshake completes. */
  private static void expectRefused(GatewayClient client, String sni) {
    assertThatThrownBy(
            () -> {
              try (TlsEchoClient connection = client.connectTls(sni)) {
                connection.greeting();
              }
            })
        .as("a connection with SNI %s", sni)
        .isInstanceOf(IOException.class);
  }
}
