package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about rule {@code timeouts}: a backend made slow by the request
 * ({@code ?delay=}, which the echo backend understands as the upstream one does) is cut off with
 * 504, unless the rule's timeout is {@code 0s}. Each method is named after the upstream test's
 * ShortName. The durations are shorter than upstream's (250ms timeouts, 800ms delays).
 */
class HttpRouteTimeoutIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String V1 = "infra-backend-v1";

  /** The timeouts in the manifests. */
  private static final Duration TIMEOUT = Duration.ofMillis(250);

  private static final String DELAY = "800ms";
  private static final Duration DELAYED = Duration.ofMillis(800);

  /**
   * A request that should be answered in time may still miss 250ms on a busy machine (a pause, a
   * new connection); upstream retries such requests until it sees the expected answer as well.
   */
  private static final Duration EVENTUALLY = Duration.ofSeconds(10);

  @Test
  void HTTPRouteTimeoutRequest() {
    GatewayClient gateway = applyAndAccept("httproute-timeout-request.yaml", "request-timeout");
    expectAnsweredInTime(gateway, get("/request-timeout"));
    expectTimedOut(gateway, get("/request-timeout?delay=" + DELAY));
    expectAnsweredAfterDelay(gateway, get("/disable-request-timeout?delay=" + DELAY));
  }

  @Test
  void HTTPRouteTimeoutBackendRequest() {
    GatewayClient gateway =
        applyAndAccept("httproute-timeout-backend-request.yaml", "backend-request-timeout");
    expectAnsweredInTime(gateway, get("/backend-timeout"));
    expectTimedOut(gateway, get("/backend-timeout?delay=" + DELAY));
    expectAnsweredAfterDelay(gateway, get("/disable-backend-timeout?delay=" + DELAY));
  }

  private static void expectAnsweredInTime(GatewayClient gateway, ScenarioRequest request) {
    await()
        .atMost(EVENTUALLY)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> gateway.expectBackend(request, INFRA, V1));
  }

  /**
   * 504, and not before the timeout: the answer is the proxy giving up, not an error of another
   * kind. (The backend would have answered 200 after the delay.)
   */
  private static void expectTimedOut(GatewayClient gateway, ScenarioRequest request) {
    long start = System.nanoTime();
    gateway.expectStatus(request, 504);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("time until %s was answered 504", request)
        .isGreaterThanOrEqualTo(TIMEOUT);
  }

  /** The slow backend's 200 comes through, after its delay: no timeout cut it short. */
  private static void expectAnsweredAfterDelay(GatewayClient gateway, ScenarioRequest request) {
    long start = System.nanoTime();
    EchoedRequest echoed = gateway.expectBackend(request, INFRA, V1);
    assertThat(echoed.path()).as("path infra-backend-v1 saw").isEqualTo(request.path());
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("time until %s was answered", request)
        .isGreaterThanOrEqualTo(DELAYED);
  }

  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
