package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The upstream HTTPRoute session persistence conformance test, named after its ShortName: the first
 * response sets a session cookie (no {@code Expires}, no {@code Max-Age}), and requests carrying it
 * all reach the endpoint that answered first. The route's Service has three endpoints (three echo
 * servers, see the manifest), so a proxy that ignored the cookie would be caught spreading them.
 */
class HttpRouteSessionPersistenceIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String ROUTE = "session-persistence-cookie";
  private static final ScenarioRequest REQUEST = get("/session-persistence");

  @Test
  void HTTPRouteSessionPersistenceCookie() {
    conformance.apply("httproute-session-persistence-cookie.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, ROUTE);
    expect.routeResolvedRefs(INFRA, ROUTE, INFRA, GATEWAY);
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);

    ScenarioResponse first = firstResponse(gateway);
    String setCookie = first.header("set-cookie").get(0);
    String attributes = setCookie.substring(setCookie.indexOf(';')).toLowerCase(Locale.ROOT);
    assertThat(attributes)
        .as("a session cookie: %s", setCookie)
        .doesNotContain("expires", "max-age");
    assertThat(setCookie).contains("; Path=/session-persistence").contains("; HttpOnly");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String firstPod = first.echo().backend();

    for (int i = 0; i < 20; i++) {
      ScenarioResponse sticky = gateway.expectStatus(REQUEST.withHeader("Cookie", cookie), 200);
      assertThat(sticky.echo().backend()).as("sticky request %d", i + 1).isEqualTo(firstPod);
    }

    // Without the cookie the requests are spread: the stickiness above is the cookie's doing.
    Set<String> spread = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      spread.add(gateway.expectStatus(REQUEST, 200).echo().backend());
    }
    assertThat(spread).as("endpoints answering requests without a cookie").hasSizeGreaterThan(1);
  }

  @Test
  void HTTPRouteSessionPersistenceCookiePermanentLifetime() {
    String route = "session-persistence-cookie-permanent-lifetime";
    conformance.apply("httproute-session-persistence-cookie-permanent-lifetime.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);

    String setCookie =
        firstResponse(conformance.gateway(INFRA, GATEWAY)).header("set-cookie").get(0);
    assertThat(setCookie).as("a permanent cookie of absoluteTimeout 1h").contains("; Max-Age=3600");
  }

  /** The first response once the route serves: a 200 with one session cookie. */
  private static ScenarioResponse firstResponse(GatewayClient gateway) {
    AtomicReference<ScenarioResponse> first = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              ScenarioResponse response = gateway.expectStatus(REQUEST, 200);
              assertThat(response.header("set-cookie")).as("Set-Cookie of %s", response).hasSize(1);
              first.set(response);
            });
    return first.get();
  }
}
