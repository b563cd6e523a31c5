package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;

import org.junit.jupiter.api.Test;

/**
 * Upstream HTTPRouteNonDisruptiveConfig: route changes under a loop of requests, none of which may
 * fail while the proxy swaps its config.
 */
class HttpRouteNonDisruptiveIT extends ConformanceTest {
  private static final String GATEWAY = "nondisruptive-httproute";

  @Test
  void HTTPRouteNonDisruptiveConfig() throws Exception {
    conformance.apply("httproute-nondisruptive-config.yaml");
    expect.gatewayAndRoutesAccepted(
        INFRA, GATEWAY, INFRA, "nondisruptive-backend-change", "nondisruptive-route-replace-a");
    GatewayClient client = conformance.gateway(INFRA, GATEWAY);

    // A route's backendRef changes from infra-backend-v1 to infra-backend-v2.
    ScenarioRequest backendChange = get("/backend-change");
    client.expectBackend(backendChange, INFRA, "infra-backend-v1");
    try (TrafficLoop traffic =
        TrafficLoop.start(client, backendChange, "infra-backend-v1", "infra-backend-v2")) {
      Thread.sleep(1000);
      conformance.update(
          "httproute-nondisruptive-config.yaml",
          "httproute-nondisruptive-config-backend-changed.yaml");
      client.expectBackend(backendChange, INFRA, "infra-backend-v2");
      Thread.sleep(2000);
      traffic.stopAndExpectNoFailures();
    }

    // A second route for the same path is created, then the first one deleted.
    ScenarioRequest replace = get("/route-replace");
    client.expectBackend(replace, INFRA, "infra-backend-v1");
    try (TrafficLoop traffic =
        TrafficLoop.start(client, replace, "infra-backend-v1", "infra-backend-v2")) {
      Thread.sleep(1000);
      conformance.apply("httproute-nondisruptive-config-route-b.yaml");
      expect.routeCondition(
          INFRA, "nondisruptive-route-replace-b", INFRA, GATEWAY, "Accepted", "True", "Accepted");
      conformance.update(
          "httproute-nondisruptive-config.yaml",
          "httproute-nondisruptive-config-route-a-deleted.yaml");
      client.expectBackend(replace, INFRA, "infra-backend-v2");
      Thread.sleep(2000);
      traffic.stopAndExpectNoFailures();
    }
  }
}
