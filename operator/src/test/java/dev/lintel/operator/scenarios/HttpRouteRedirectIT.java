package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ExpectedLocation.NO_PORT;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about the {@code RequestRedirect} filter: hostname, path, port and
 * scheme, the status codes, and the port a Location names when the filter names none. Each method
 * is named after the upstream test's ShortName.
 *
 * <p>Requests go to listener port 80 (served on 80 plus an offset) without a Host header of their
 * own, like the suite's; a Location that keeps the request's host names the Gateway's address, and
 * one that keeps the listener's port 80 names no port.
 */
class HttpRouteRedirectIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String EXAMPLE = "example.org";

  @Test
  void HTTPRouteRedirectHostAndStatus() {
    GatewayClient gateway =
        applyAndAccept("httproute-redirect-host-and-status.yaml", "redirect-host-and-status");
    expectRedirect(gateway, "/hostname-redirect", 302, http(EXAMPLE, "/hostname-redirect"));
    expectRedirect(gateway, "/host-and-status", 301, http(EXAMPLE, "/host-and-status"));
  }

  @Test
  void HTTPRouteRedirectPath() {
    GatewayClient gateway = applyAndAccept("httproute-redirect-path.yaml", "redirect-path");
    String self = gateway.address();
    expectRedirect(gateway, "/original-prefix/lemon", 302, http(self, "/replacement-prefix/lemon"));
    expectRedirect(gateway, "/full/path/original", 302, http(self, "/full-path-replacement"));
    expectRedirect(gateway, "/path-and-host", 302, http(EXAMPLE, "/replacement-prefix"));
    expectRedirect(gateway, "/path-and-status", 301, http(self, "/replacement-prefix"));
    expectRedirect(gateway, "/full-path-and-host", 302, http(EXAMPLE, "/replacement-full"));
    expectRedirect(gateway, "/full-path-and-status", 301, http(self, "/replacement-full"));
  }

  @Test
  void HTTPRouteRedirectPort() {
    GatewayClient gateway = applyAndAccept("httproute-redirect-port.yaml", "redirect-port");
    String self = gateway.address();
    expectRedirect(gateway, "/port", 302, new ExpectedLocation("http", self, 8083, "/port"));
    expectRedirect(
        gateway,
        "/port-and-host",
        302,
        new ExpectedLocation("http", EXAMPLE, 8083, "/port-and-host"));
    expectRedirect(
        gateway,
        "/port-and-status",
        301,
        new ExpectedLocation("http", self, 8083, "/port-and-status"));
    expectRedirect(
        gateway,
        "/port-and-host-and-status",
        302,
        new ExpectedLocation("http", EXAMPLE, 8083, "/port-and-host-and-status"));
  }

  @Test
  void HTTPRouteRedirectScheme() {
    GatewayClient gateway = applyAndAccept("httproute-redirect-scheme.yaml", "redirect-scheme");
    String self = gateway.address();
    // https brings its well-known port, which the Location leaves out.
    expectRedirect(gateway, "/scheme", 302, https(self, "/scheme"));
    expectRedirect(gateway, "/scheme-and-host", 302, https(EXAMPLE, "/scheme-and-host"));
    expectRedirect(gateway, "/scheme-and-status", 301, https(self, "/scheme-and-status"));
    expectRedirect(
        gateway, "/scheme-and-host-and-status", 302, https(EXAMPLE, "/scheme-and-host-and-status"));
  }

  @Test
  void HTTPRouteRedirectPortAndScheme() {
    conformance.apply("httproute-redirect-port-and-scheme.yaml");
    String route80 = "http-route-for-listener-on-port-80";
    String gateway8080 = "same-namespace-with-http-listener-on-8080";
    String route8080 = "http-route-for-listener-on-port-8080";
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route80);
    expect.routeResolvedRefs(INFRA, route80, INFRA, GATEWAY);
    expect.gatewayAndRoutesAccepted(INFRA, gateway8080, INFRA, route8080);
    expect.routeResolvedRefs(INFRA, route8080, INFRA, gateway8080);

    // From the listener on 80: no scheme keeps http and the listener's port (80: none shown).
    GatewayClient on80 = conformance.gateway(INFRA, GATEWAY);
    expectRedirect(
        on80, "/scheme-nil-and-port-nil", 302, http(EXAMPLE, "/scheme-nil-and-port-nil"));
    expectRedirect(on80, "/scheme-nil-and-port-80", 302, http(EXAMPLE, "/scheme-nil-and-port-80"));
    expectRedirect(
        on80,
        "/scheme-nil-and-port-8080",
        302,
        new ExpectedLocation("http", EXAMPLE, 8080, "/scheme-nil-and-port-8080"));
    expectRedirect(
        on80, "/scheme-https-and-port-nil", 302, https(EXAMPLE, "/scheme-https-and-port-nil"));
    expectRedirect(
        on80, "/scheme-https-and-port-443", 302, https(EXAMPLE, "/scheme-https-and-port-443"));
    expectRedirect(
        on80,
        "/scheme-https-and-port-8443",
        302,
        new ExpectedLocation("https", EXAMPLE, 8443, "/scheme-https-and-port-8443"));

    // From the listener on 8080: no scheme and no port keeps 8080; https brings 443.
    GatewayClient on8080 = conformance.gateway(INFRA, gateway8080, 8080);
    expectRedirect(
        on8080,
        "/scheme-nil-and-port-nil",
        302,
        new ExpectedLocation("http", EXAMPLE, 8080, "/scheme-nil-and-port-nil"));
    expectRedirect(
        on8080, "/scheme-nil-and-port-80", 302, http(EXAMPLE, "/scheme-nil-and-port-80"));
    expectRedirect(
        on8080, "/scheme-https-and-port-nil", 302, https(EXAMPLE, "/scheme-https-and-port-nil"));

    // From the HTTPS listener on 443: no scheme keeps https (443: none shown); http brings 80.
    String gateway443 = "same-namespace-with-https-listener";
    String route443 = "http-route-for-listener-on-port-443";
    expect.gatewayAndRoutesAccepted(INFRA, gateway443, INFRA, route443);
    expect.routeResolvedRefs(INFRA, route443, INFRA, gateway443);
    GatewayClient on443 = conformance.gateway(INFRA, gateway443, 443);
    expectTlsRedirect(
        on443, "/scheme-nil-and-port-nil", https(EXAMPLE, "/scheme-nil-and-port-nil"));
    expectTlsRedirect(
        on443, "/scheme-nil-and-port-443", https(EXAMPLE, "/scheme-nil-and-port-443"));
    expectTlsRedirect(
        on443,
        "/scheme-nil-and-port-8443",
        new ExpectedLocation("https", EXAMPLE, 8443, "/scheme-nil-and-port-8443"));
    expectTlsRedirect(
        on443, "/scheme-http-and-port-nil", http(EXAMPLE, "/scheme-http-and-port-nil"));
    expectTlsRedirect(on443, "/scheme-http-and-port-80", http(EXAMPLE, "/scheme-http-and-port-80"));
    expectTlsRedirect(
        on443,
        "/scheme-http-and-port-8080",
        new ExpectedLocation("http", EXAMPLE, 8080, "/scheme-http-and-port-8080"));
  }

  /** A 302 for a GET over TLS with SNI and Host example.org, as upstream sends to 443. */
  private static void expectTlsRedirect(
      GatewayClient gateway, String path, ExpectedLocation location) {
    ScenarioRequest request = get(EXAMPLE, path);
    ScenarioResponse response = gateway.expectTlsStatus(EXAMPLE, request, 302);
    assertThat(response.header("Location")).as("Location of %s", response).hasSize(1);
    location.assertMatches(URI.create(response.header("Location").get(0)), request);
  }

  @Test
  void HTTPRoute303Redirect() {
    GatewayClient gateway = applyAndAccept("httproute-303-redirect.yaml", "303-redirect");
    ScenarioRequest post = get("/see-other").withMethod("POST");
    http(gateway.address(), "/see-other").assertMatches(gateway.expectRedirect(post, 303), post);
  }

  @Test
  void HTTPRoute303RedirectScheme() {
    GatewayClient gateway = applyAndAccept("httproute-303-redirect-scheme.yaml", "redirect-scheme");
    expectRedirect(
        gateway, "/scheme-and-temporary", 303, https(gateway.address(), "/scheme-and-temporary"));
  }

  @Test
  void HTTPRoute307Redirect() {
    GatewayClient gateway = applyAndAccept("httproute-307-redirect.yaml", "redirect-path");
    expectRedirect(gateway, "/temporary", 307, http(gateway.address(), "/temporary"));
  }

  @Test
  void HTTPRoute307RedirectScheme() {
    GatewayClient gateway = applyAndAccept("httproute-307-redirect-scheme.yaml", "redirect-scheme");
    expectRedirect(
        gateway, "/scheme-and-temporary", 307, https(gateway.address(), "/scheme-and-temporary"));
  }

  @Test
  void HTTPRoute308Redirect() {
    GatewayClient gateway = applyAndAccept("httproute-308-redirect.yaml", "308-redirect");
    expectRedirect(gateway, "/permanent", 308, http(gateway.address(), "/permanent"));
  }

  @Test
  void HTTPRoute308RedirectScheme() {
    GatewayClient gateway = applyAndAccept("httproute-308-redirect-scheme.yaml", "redirect-scheme");
    expectRedirect(
        gateway, "/scheme-and-temporary", 308, https(gateway.address(), "/scheme-and-temporary"));
  }

  @Test
  void HTTPRouteAdditionalRedirectScheme() {
    GatewayClient gateway =
        applyAndAccept("httproute-additional-redirect-scheme.yaml", "redirect-scheme");
    expectRedirect(
        gateway, "/scheme-and-temporary", 307, https(gateway.address(), "/scheme-and-temporary"));
    expectRedirect(
        gateway, "/scheme-and-permanent", 308, https(gateway.address(), "/scheme-and-permanent"));
  }

  private static ExpectedLocation http(String host, String path) {
    return new ExpectedLocation("http", host, NO_PORT, path);
  }

  private static ExpectedLocation https(String host, String path) {
    return new ExpectedLocation("https", host, NO_PORT, path);
  }

  private static void expectRedirect(
      GatewayClient gateway, String path, int status, ExpectedLocation location) {
    ScenarioRequest request = get(path);
    location.assertMatches(gateway.expectRedirect(request, status), request);
  }

  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
