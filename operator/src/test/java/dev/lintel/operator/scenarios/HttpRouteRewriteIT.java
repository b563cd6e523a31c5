package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.HeaderAssertions.assertHeaders;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about the {@code URLRewrite} filter: the host and the path the backend
 * sees. Each method is named after the upstream test's ShortName.
 */
class HttpRouteRewriteIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String V1 = "infra-backend-v1";
  private static final String V2 = "infra-backend-v2";

  /** The headers the rules that also modify headers send, and what the backend must see. */
  private static final Map<String, String> SENT_HEADERS =
      Map.of(
          "X-Header-Remove", "remove-val",
          "X-Header-Add-Append", "append-val-1",
          "X-Header-Set", "set-val");

  private static final Map<String, String> MODIFIED_HEADERS =
      Map.of(
          "X-Header-Add", "header-val-1",
          "X-Header-Add-Append", "append-val-1,header-val-2",
          "X-Header-Set", "set-overwrites-values");

  @Test
  void HTTPRouteRewriteHost() {
    GatewayClient gateway = applyAndAccept("httproute-rewrite-host.yaml", "rewrite-host");
    expectRewritten(gateway, get("rewrite.example", "/one"), V1, "one.example.org", "/one");
    expectRewritten(gateway, get("rewrite.example", "/two"), V2, "example.org", "/two");
    ScenarioRequest withHeaders =
        withHeaders(get("rewrite.example", "/rewrite-host-and-modify-headers"));
    EchoedRequest echoed =
        expectRewritten(
            gateway, withHeaders, V2, "test.example.org", "/rewrite-host-and-modify-headers");
    assertHeaders(withHeaders, echoed::joinedHeader, MODIFIED_HEADERS, List.of("X-Header-Remove"));
  }

  @Test
  void HTTPRouteRewritePath() {
    GatewayClient gateway = applyAndAccept("httproute-rewrite-path.yaml", "rewrite-path");
    String self = gateway.authority();
    expectRewritten(gateway, get("/prefix/one/two"), V1, self, "/one/two");
    expectRewritten(gateway, get("/strip-prefix/three"), V1, self, "/three");
    expectRewritten(gateway, get("/strip-prefix"), V1, self, "/");
    expectRewritten(gateway, get("/full/one/two"), V1, self, "/one");
    for (String[] sentAndSeen :
        new String[][] {
          {"/full/rewrite-path-and-modify-headers/test", "/test"},
          {"/prefix/rewrite-path-and-modify-headers/one", "/prefix/one"}
        }) {
      ScenarioRequest request = withHeaders(get(sentAndSeen[0]));
      EchoedRequest echoed = expectRewritten(gateway, request, V1, self, sentAndSeen[1]);
      assertHeaders(request, echoed::joinedHeader, MODIFIED_HEADERS, List.of("X-Header-Remove"));
    }
  }

  private static ScenarioRequest withHeaders(ScenarioRequest request) {
    ScenarioRequest result = request;
    for (Map.Entry<String, String> header : SENT_HEADERS.entrySet()) {
      result = result.withHeader(header.getKey(), header.getValue());
    }
    return result;
  }

  /** The backend answers, and saw that Host header and path. */
  private static EchoedRequest expectRewritten(
      GatewayClient gateway, ScenarioRequest request, String backend, String host, String path) {
    EchoedRequest echoed = gateway.expectBackend(request, INFRA, backend);
    assertThat(echoed.host()).as("Host the backend saw for %s", request).isEqualTo(host);
    assertThat(echoed.path()).as("path the backend saw for %s", request).isEqualTo(path);
    return echoed;
  }

  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
