package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.HeaderAssertions.assertHeaders;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about the {@code RequestMirror} filter: the primary backend answers,
 * and each mirror backend receives its copies (upstream reads the mirror pods' logs; here the echo
 * servers' request logs). Each method is named after the upstream test's ShortName.
 */
class HttpRouteMirrorIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String V1 = "infra-backend-v1";
  private static final String V2 = INFRA + "/infra-backend-v2";
  private static final String V3 = INFRA + "/infra-backend-v3";

  /** Requests per sampled share; the share's accepted range follows from it. */
  private static final int SAMPLES = 1000;

  /**
   * The chance that a correct implementation fails one share check, by bad luck in its draws. Three
   * checks per run: a false failure once in 300 million runs.
   */
  private static final double FALSE_FAILURE = 1e-9;

  private static final Duration COPIES_ARRIVE_WITHIN = Duration.ofSeconds(10);

  private static final Map<String, String> SENT_HEADERS =
      Map.of("X-Header-Remove", "remove-val", "X-Header-Add-Append", "append-val-1");

  private static final Map<String, String> MODIFIED_HEADERS =
      Map.of(
          "X-Header-Add", "header-val-1",
          "X-Header-Add-Append", "append-val-1,header-val-2",
          "X-Header-Set", "set-overwrites-values");

  @Test
  void HTTPRouteRequestMirror() {
    GatewayClient gateway = applyAndAccept("httproute-request-mirror.yaml", "request-mirror");
    expectMirrored(gateway, get("/mirror"), List.of(V2));
    expectMirroredWithHeaders(gateway, get("/mirror-and-modify-headers"), List.of(V2));
  }

  @Test
  void HTTPRouteRequestMultipleMirrors() {
    GatewayClient gateway =
        applyAndAccept("httproute-request-multiple-mirrors.yaml", "request-multiple-mirrors");
    expectMirrored(gateway, get("/multi-mirror"), List.of(V2, V3));
    expectMirroredWithHeaders(
        gateway, get("/multi-mirror-and-modify-request-headers"), List.of(V2, V3));
  }

  @Test
  void HTTPRouteRequestPercentageMirror() throws Exception {
    GatewayClient gateway =
        applyAndAccept("httproute-request-percentage-mirror.yaml", "request-percentage-mirror");
    expectShares(gateway, get("/percent-mirror"), Map.of(V2, 0.20));
    expectShares(gateway, get("/percent-mirror-fraction"), Map.of(V2, 25.0 / 50));
    ScenarioRequest withHeaders = withSentHeaders(get("/percent-multi-mirror-and-modify-headers"));
    EchoedRequest echoed = gateway.expectBackend(withHeaders, INFRA, V1);
    assertHeaders(withHeaders, echoed::joinedHeader, MODIFIED_HEADERS, List.of("X-Header-Remove"));
    expectShares(gateway, withHeaders, Map.of(V2, 0.35, V3, 0.50));
  }

  /** infra-backend-v1 answers and each mirror receives exactly one copy of the request. */
  private static EchoedRequest expectMirrored(
      GatewayClient gateway, ScenarioRequest request, List<String> mirrors) {
    Map<String, Integer> before = copies(request, mirrors);
    EchoedRequest echoed = gateway.expectBackend(request, INFRA, V1);
    assertThat(echoed.path()).as("path infra-backend-v1 saw").isEqualTo(request.path());
    await()
        .atMost(COPIES_ARRIVE_WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () -> {
              Map<String, Integer> after = copies(request, mirrors);
              for (String mirror : mirrors) {
                assertThat(after.get(mirror) - before.get(mirror))
                    .as("copies of %s received by %s", request, mirror)
                    .isEqualTo(1);
              }
            });
    return echoed;
  }

  /** As {@link #expectMirrored}, for a rule that also changes the request headers. */
  private static void expectMirroredWithHeaders(
      GatewayClient gateway, ScenarioRequest request, List<String> mirrors) {
    ScenarioRequest withHeaders = withSentHeaders(request);
    EchoedRequest echoed = expectMirrored(gateway, withHeaders, mirrors);
    assertHeaders(withHeaders, echoed::joinedHeader, MODIFIED_HEADERS, List.of("X-Header-Remove"));
  }

  /**
   * Sends {@link #SAMPLES} requests (each answered by infra-backend-v1) and requires each mirror's
   * count of copies within the binomial bounds of its share.
   */
  private static void expectShares(
      GatewayClient gateway, ScenarioRequest request, Map<String, Double> shares)
      throws InterruptedException, ExecutionException {
    List<String> mirrors = List.copyOf(shares.keySet());
    Map<String, Integer> before = copies(request, mirrors);
    sendAll(gateway, request, SAMPLES);
    Map<String, Integer> after = settledCopies(request, mirrors);
    for (String mirror : mirrors) {
      int received = after.get(mirror) - before.get(mirror);
      BinomialBounds bounds = BinomialBounds.of(SAMPLES, shares.get(mirror), FALSE_FAILURE);
      assertThat(bounds.contains(received))
          .as(
              "%s copies of %d requests %s at %s%%: %d, accepted %s",
              mirror, SAMPLES, request, shares.get(mirror) * 100, received, bounds)
          .isTrue();
    }
  }

  /** Sends the request {@code count} times from a few threads; each must reach infra-backend-v1. */
  private static void sendAll(GatewayClient gateway, ScenarioRequest request, int count)
      throws InterruptedException, ExecutionException {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sent.add(clients.submit(() -> gateway.expectBackend(request, INFRA, V1)));
      }
      for (Future<?> future : sent) {
        future.get();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * The mirrors' counts once no more copies arrive: copies travel apart from the answers, so the
   * last may land a little after the last answer.
   */
  private static Map<String, Integer> settledCopies(ScenarioRequest request, List<String> mirrors)
      throws InterruptedException {
    long deadline = System.nanoTime() + COPIES_ARRIVE_WITHIN.toNanos();
    Map<String, Integer> last = copies(request, mirrors);
    while (System.nanoTime() - deadline < 0) {
      Thread.sleep(200);
      Map<String, Integer> now = copies(request, mirrors);
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("copies of " + request + " still arriving: " + last);
  }

  /** How many copies of the request (by method and target) each mirror has in its log. */
  private static Map<String, Integer> copies(ScenarioRequest request, List<String> mirrors) {
    String line = request.method() + " " + request.path();
    Map<String, Integer> result = new LinkedHashMap<>();
    for (String mirror : mirrors) {
      int count = 0;
      for (String logged : conformance.backends().recentRequests(mirror)) {
        if (logged.equals(line)) {
          count++;
        }
      }
      result.put(mirror, count);
    }
    return result;
  }

  private static ScenarioRequest withSentHeaders(ScenarioRequest request) {
    ScenarioRequest result = request;
    for (Map.Entry<String, String> header : SENT_HEADERS.entrySet()) {
      result = result.withHeader(header.getKey(), header.getValue());
    }
    return result;
  }

  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
