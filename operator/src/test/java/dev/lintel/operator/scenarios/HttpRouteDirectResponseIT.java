package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The experimental {@code DirectResponse} filter: the Gateway answers with the configured status
 * and body and no backend sees the request. Named after the upstream test's ShortName.
 */
class HttpRouteDirectResponseIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";

  @Test
  void HTTPRouteDirectResponse() {
    conformance.apply("httproute-direct-response.yaml");
    expect.gatewayAndRoutesAccepted(
        INFRA,
        GATEWAY,
        INFRA,
        "direct-response-with-body",
        "direct-response-no-body",
        "direct-response-forbidden");
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);

    ScenarioResponse body = gateway.expectStatus(get("/direct-response/body"), 200);
    assertThat(body.body()).isEqualTo("hello, gateway");
    assertThat(body.header("content-type")).containsExactly("text/plain; charset=utf-8");

    ScenarioResponse empty = gateway.expectStatus(get("/direct-response/no-body"), 204);
    assertThat(empty.body()).isEmpty();

    ScenarioResponse forbidden = gateway.expectStatus(get("/direct-response/forbidden"), 403);
    assertThat(forbidden.body()).isEqualTo("Forbidden");
    // The rule's ResponseHeaderModifier applies to the answer the proxy makes up.
    assertThat(forbidden.header("x-blocked-by")).containsExactly("lintel");

    for (String backend : List.of("infra-backend-v1", "infra-backend-v2", "infra-backend-v3")) {
      assertThat(conformance.backends().recentRequests(INFRA + "/" + backend))
          .as("requests %s saw", backend)
          .noneMatch(request -> request.contains("/direct-response"));
    }
  }
}
