package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests of the HTTPRoute {@code CORS} filter: preflights the Gateway answers
 * itself, and the {@code Access-Control-*} headers of proxied responses. Each method is named after
 * the upstream test's ShortName.
 */
class HttpRouteCorsIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String BACKEND = "infra-backend-v1";

  @Test
  void HTTPRouteCORS() {
    conformance.apply("httproute-cors.yaml");
    List<String> routes =
        List.of(
            "cors-multiple-origins-methods-headers",
            "cors-wildcard-methods",
            "cors-wildcard-origin",
            "cors-wildcard-methods-headers",
            "cors-wildcard-methods-headers-unauth");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, routes.toArray(String[]::new));
    routes.forEach(route -> expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY));
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);

    // Listed origins, exact and with a wildcard host of one or more labels.
    for (String origin :
        List.of("https://www.foo.com", "https://www.bar.com", "https://xpto.www.bar.com")) {
      ScenarioResponse response =
          gateway.send(preflight("/cors-1", origin, "GET", "x-header-1, x-header-2"));
      assertThat(response.status()).as("%s", response).isIn(200, 204);
      expectOneOf(response, "access-control-allow-origin", origin);
      expectOneOf(response, "access-control-allow-methods", "GET, OPTIONS", "OPTIONS, GET");
      expectOneOf(
          response,
          "access-control-allow-headers",
          "x-header-1, x-header-2",
          "x-header-2, x-header-1");
      expectOneOf(
          response,
          "access-control-expose-headers",
          "x-header-3, x-header-4",
          "x-header-4, x-header-3");
      expectOneOf(response, "access-control-max-age", "3600");
      expectOneOf(response, "access-control-allow-credentials", "true");
    }
    ScenarioResponse refusedPreflight =
        gateway.send(preflight("/cors-1", "https://foobar.com", "GET", null));
    assertThat(refusedPreflight.status()).as("%s", refusedPreflight).isIn(200, 204, 403);
    expectAbsent(refusedPreflight, "access-control-allow-origin");

    // Actual requests reach the backend; only allowed origins get the header.
    for (String origin : List.of("https://www.foo.com", "https://www.bar.com")) {
      ScenarioResponse response =
          sendToBackend(gateway, get("/cors-1").withHeader("Origin", origin));
      expectOneOf(response, "access-control-allow-origin", origin);
    }
    expectAbsent(
        sendToBackend(gateway, get("/cors-1").withHeader("Origin", "https://foobar.com")),
        "access-control-allow-origin");

    // Wildcard methods without credentials.
    ScenarioResponse post = gateway.send(preflight("/cors-2", "https://www.foo.com", "POST", null));
    assertThat(post.status()).as("%s", post).isIn(200, 204);
    expectOneOf(post, "access-control-allow-methods", "POST", "*");
    expectOneOf(post, "access-control-allow-origin", "https://www.foo.com");
    expectAbsent(post, "access-control-allow-credentials");

    // Any origin, with or without a port, preflight and actual request.
    for (String origin : List.of("https://foobar.com", "https://foobar.com:12345")) {
      ScenarioResponse response =
          gateway.send(preflight("/cors-wildcard-origin", origin, "PUT", null));
      assertThat(response.status()).as("%s", response).isIn(200, 204);
      expectOneOf(response, "access-control-allow-origin", origin, "*");
      expectOneOf(response, "access-control-allow-methods", "PUT");
      expectAbsent(response, "access-control-allow-credentials");

      ScenarioResponse put =
          sendToBackend(
              gateway, get("/cors-wildcard-origin").withMethod("PUT").withHeader("Origin", origin));
      expectOneOf(put, "access-control-allow-origin", origin, "*");
      expectAbsent(put, "access-control-allow-credentials");
    }

    // Wildcards with credentials answer with what was asked; without credentials either way.
    ScenarioResponse auth =
        gateway.send(
            preflight(
                "/cors-wildcard-methods-headers",
                "https://other.foo.com",
                "PUT",
                "x-header-1, x-header-2"));
    assertThat(auth.status()).as("%s", auth).isEqualTo(200);
    expectOneOf(auth, "access-control-allow-origin", "https://other.foo.com");
    expectOneOf(auth, "access-control-allow-methods", "PUT");
    expectOneOf(
        auth, "access-control-allow-headers", "x-header-1, x-header-2", "x-header-2, x-header-1");
    expectOneOf(auth, "access-control-allow-credentials", "true");
    ScenarioResponse unauth =
        gateway.send(
            preflight(
                "/cors-wildcard-methods-headers-unauth",
                "https://other.foo.com",
                "PUT",
                "x-header-1, x-header-2"));
    assertThat(unauth.status()).as("%s", unauth).isEqualTo(200);
    expectOneOf(unauth, "access-control-allow-origin", "https://other.foo.com", "*");
    expectOneOf(unauth, "access-control-allow-methods", "PUT", "*");
    expectOneOf(
        unauth,
        "access-control-allow-headers",
        "x-header-1, x-header-2",
        "x-header-2, x-header-1",
        "*");
    expectAbsent(unauth, "access-control-allow-credentials");

    ScenarioResponse withCredentials =
        sendToBackend(
            gateway,
            get("/cors-wildcard-methods-headers")
                .withHeader("Origin", "https://other.foo.com")
                .withHeader("Authorization", "Bearer test"));
    expectOneOf(withCredentials, "access-control-allow-origin", "https://other.foo.com");
    expectOneOf(withCredentials, "access-control-allow-credentials", "true");
    ScenarioResponse withoutCredentials =
        sendToBackend(
            gateway,
            get("/cors-wildcard-methods-headers-unauth")
                .withHeader("Origin", "https://other.foo.com")
                .withHeader("Authorization", "Bearer test"));
    expectOneOf(withoutCredentials, "access-control-allow-origin", "https://other.foo.com");
    expectAbsent(withoutCredentials, "access-control-allow-credentials");
  }

  @Test
  void HTTPRouteCORSAllowCredentialsBehavior() {
    conformance.apply("httproute-cors-allow-credentials-behavior.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, "cors-allow-credentials");
    expect.routeResolvedRefs(INFRA, "cors-allow-credentials", INFRA, GATEWAY);
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);

    expectAbsent(
        sendToBackend(
            gateway, withCredentials("/cors-behavior-creds-false", "https://app.example")),
        "access-control-allow-credentials");
    expectAbsent(
        sendToBackend(
            gateway, withCredentials("/cors-behavior-creds-true", "http://not-app.example")),
        "access-control-allow-credentials");
    ScenarioResponse allowed =
        sendToBackend(gateway, withCredentials("/cors-behavior-creds-true", "https://app.example"));
    expectOneOf(allowed, "access-control-allow-credentials", "true");
    expectOneOf(allowed, "access-control-allow-origin", "https://app.example");
  }

  /** An OPTIONS preflight; {@code requestedHeaders} null sends none. */
  private static ScenarioRequest preflight(
      String path, String origin, String requestedMethod, String requestedHeaders) {
    ScenarioRequest request =
        get(path)
            .withMethod("OPTIONS")
            .withHeader("Origin", origin)
            .withHeader("Access-Control-Request-Method", requestedMethod);
    return requestedHeaders == null
        ? request
        : request.withHeader("Access-Control-Request-Headers", requestedHeaders);
  }

  private static ScenarioRequest withCredentials(String path, String origin) {
    return get(path)
        .withHeader("Origin", origin)
        .withHeader("Cookie", "sid=abc123")
        .withHeader("Authorization", "Bearer test");
  }

  /** Sends and requires the answer from the backend, which saw the request with its Origin. */
  private static ScenarioResponse sendToBackend(GatewayClient gateway, ScenarioRequest request) {
    ScenarioResponse response = gateway.send(request);
    assertThat(response.status()).as("status of %s", response).isEqualTo(200);
    EchoedRequest echoed = response.echo();
    assertThat(echoed.namespace() + "/" + echoed.backend()).isEqualTo(INFRA + "/" + BACKEND);
    assertThat(echoed.method()).isEqualTo(request.method());
    assertThat(echoed.headers().get("origin")).containsExactly(request.headers().get("Origin"));
    return response;
  }

  /**
   * The header is present once, with one of the values; whitespace is ignored, as upstream does
   * (some implementations put a space after each comma, some do not).
   */
  private static void expectOneOf(ScenarioResponse response, String header, String... values) {
    List<String> actual = response.header(header);
    assertThat(actual).as("%s in %s %s", header, response, response.headers()).hasSize(1);
    assertThat(withoutWhitespace(actual.get(0)))
        .as("%s in %s", header, response)
        .isIn(Arrays.stream(values).map(HttpRouteCorsIT::withoutWhitespace).toList());
  }

  private static void expectAbsent(ScenarioResponse response, String header) {
    assertThat(response.header(header))
        .as("%s in %s %s", header, response, response.headers())
        .isEmpty();
  }

  private static String withoutWhitespace(String value) {
    return value.replaceAll("\\s", "");
  }
}
