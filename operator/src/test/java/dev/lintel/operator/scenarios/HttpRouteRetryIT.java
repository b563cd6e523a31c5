package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about the experimental rule {@code retry}. The echo backend fails a
 * request under {@code /retry/} as the request asks (see {@code EchoServer}): {@code
 * succeedAfter=N} failures for the request's {@code uuid}, each the status {@code responseCode},
 * after {@code delayRetry}. As upstream, every request carries a fresh uuid, and each case is sent
 * several times in a row. Beyond upstream, each case also checks how many attempts reached the
 * backend (from its request log), and that a failure the client sees is the backend's own answer,
 * relayed after the last attempt, not one the proxy made up.
 */
class HttpRouteRetryIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String V3 = "infra-backend-v3";
  private static final String HEALTHY = "infra-backend-connection-error-healthy";

  /** Upstream requires three consecutive successes of each case (ten for connection errors). */
  private static final int CONSECUTIVE = 3;

  private static final int CONSECUTIVE_CONNECTION_ERRORS = 10;

  @Test
  void HTTPRouteRetry() {
    GatewayClient gateway = applyAndAccept("httproute-retry.yaml", "retries");
    String attempts3 = "/retry/code-500-attempts-3";
    // attempts counts retries: three retries allow four attempts.
    expectRetried(gateway, attempts3, "responseCode=500&succeedAfter=2", 200, 3);
    expectRetried(gateway, attempts3, "responseCode=500&succeedAfter=4", 500, 4);
    // 503 is not listed on this rule: not retried.
    expectRetried(gateway, attempts3, "responseCode=503&succeedAfter=2", 503, 1);
    String attempts2 = "/retry/code-all-attempts-2";
    for (int code : new int[] {500, 502, 503, 504}) {
      expectRetried(gateway, attempts2, "responseCode=" + code + "&succeedAfter=1", 200, 2);
      expectRetried(gateway, attempts2, "responseCode=" + code + "&succeedAfter=3", code, 3);
    }
    // Upstream's manifest has this rule but sends nothing to it: no retries at all.
    expectRetried(gateway, "/retry/code-all-attempts-0", "responseCode=500&succeedAfter=1", 500, 1);
  }

  @Test
  void HTTPRouteRetryConnectionError() throws IOException {
    conformance.apply("httproute-retry-connection-error.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, "retries-connection-error");
    expect.routeResolvedRefs(INFRA, "retries-connection-error", INFRA, GATEWAY);
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);
    assertNothingListensAtTheBrokenEndpoint();
    double refusedBefore = conformance.upstreamErrors("connect");
    for (int i = 0; i < CONSECUTIVE_CONNECTION_ERRORS; i++) {
      gateway.expectBackend(get("/retry-on-connection-errors"), INFRA, HEALTHY);
    }
    // The broken endpoint took its turns (round robin over both), and the retries hid them.
    assertThat(conformance.upstreamErrors("connect") - refusedBefore)
        .as("connections refused by the broken endpoint")
        .isPositive();
  }

  /** Upstream's HTTPRouteRetryWithTimeouts: backendRequest bounds each attempt, request all. */
  @Test
  void HTTPRouteRetryWithTimeouts() {
    GatewayClient gateway =
        applyAndAccept("httproute-retry-with-timeouts.yaml", "retries-with-timeouts");
    // Two attempts stall beyond backendRequest and are retried; the third answers.
    expectRetried(
        gateway,
        "/retry/backend-request-timeout-200ms",
        "responseCode=500&succeedAfter=2&delayRetry=1s",
        200,
        3);
    // Every attempt stalls beyond backendRequest: 504, however often it is retried.
    expectStatus(
        gateway,
        "/retry/backend-request-timeout-200ms",
        "responseCode=500&succeedAfter=3&delayRetry=1s",
        504);
    // Four quick failures and the fifth attempt fit in the request timeout of 400ms.
    expectRetried(
        gateway, "/retry/request-timeout-200ms", "responseCode=500&succeedAfter=4", 200, 5);
    // Four failures of 100ms each do not: the request timeout ends the retries.
    expectStatus(
        gateway,
        "/retry/request-timeout-200ms",
        "responseCode=500&succeedAfter=4&delayRetry=100ms",
        504);
  }

  /**
   * Sends {@code path?query&uuid=<fresh>} {@link #CONSECUTIVE} times; each must be answered with
   * {@code status} by infra-backend-v3 itself after exactly {@code attempts} attempts reached it.
   */
  private static void expectRetried(
      GatewayClient gateway, String path, String query, int status, int attempts) {
    for (int i = 0; i < CONSECUTIVE; i++) {
      String uuid = UUID.randomUUID().toString();
      ScenarioRequest request = get(path + "?" + query + "&uuid=" + uuid);
      if (status == 200) {
        gateway.expectBackend(request, INFRA, V3);
      } else {
        EchoedRequest failure = gateway.expectStatus(request, status).echo();
        assertThat(failure.namespace() + "/" + failure.backend())
            .as("backend whose failure %s relayed", request)
            .isEqualTo(INFRA + "/" + V3);
      }
      // A delayed failure is logged when its answer would have been written, which can be after
      // the proxy gave up on that attempt: wait for the log to catch up, then require the count.
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(
                          conformance.backends().recentRequests(INFRA + "/" + V3).stream()
                              .filter(line -> line.contains("uuid=" + uuid))
                              .count())
                      .as("attempts of %s that reached %s", request, V3)
                      .isEqualTo(attempts));
    }
  }

  private static void expectStatus(GatewayClient gateway, String path, String query, int status) {
    for (int i = 0; i < CONSECUTIVE; i++) {
      gateway.expectStatus(get(path + "?" + query + "&uuid=" + UUID.randomUUID()), status);
    }
  }

  /** The manifest's broken endpoint must refuse connections, or the test would prove nothing. */
  private static void assertNothingListensAtTheBrokenEndpoint() {
    int port =
        Integer.parseInt(
            conformance
                .backends()
                .manifestVariables()
                .get("{INFRA_BACKEND_CONNECTION_ERROR_HEALTHY_PORT}"));
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", port), 2000);
              }
            })
        .isInstanceOf(ConnectException.class);
  }

  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
