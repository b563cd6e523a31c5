package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.testing.H2Client;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The upstream conformance test of h2c backends ({@code appProtocol: kubernetes.io/h2c}): a request
 * with HTTP/2 prior knowledge reaches the backend. Upstream leaves the h2c upgrade out (RFC 9113
 * deprecates it); the proxy serves it too (see the proxy's Http2IT). The echo backend also says
 * which protocol it was spoken to, so this checks that the gateway spoke h2c to it.
 */
class HttpRouteBackendProtocolIT extends ConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GATEWAY = "same-namespace";
  private static final String ROUTE = "backend-protocol-h2c";

  /** Consecutive good answers required, as upstream's eventually-consistent requests do. */
  private static final int CONSECUTIVE = 3;

  @Test
  void HTTPRouteBackendProtocolH2C() throws Exception {
    conformance.apply("httproute-backend-protocol-h2c.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, ROUTE);
    GatewayClient gateway = conformance.gateway(INFRA, GATEWAY);
    try (H2Client client =
        H2Client.connect(InetAddress.getByName(gateway.address()), gateway.port())) {
      for (int i = 0; i < CONSECUTIVE; i++) {
        H2Client.Response response =
            client.send(H2Client.get(gateway.authority(), "/")).get(5, TimeUnit.SECONDS);
        assertThat(response.status()).as("status of h2c prior-knowledge GET /").isEqualTo(200);
        JsonNode echo = JSON.readTree(response.bodyText());
        assertThat(echo.path("name").asText()).isEqualTo(INFRA + "/infra-backend-v1");
        assertThat(echo.path("protocol").asText())
            .as("what the gateway spoke to the backend")
            .isEqualTo("HTTP/2.0");
      }
    }
  }
}
