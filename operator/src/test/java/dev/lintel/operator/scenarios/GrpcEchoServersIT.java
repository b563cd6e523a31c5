package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gRPC harness on its own, without the proxy: the grpc-java client calls an echo server
 * directly, which shows that the hand-written service description and message codec work, so that a
 * failing {@link GrpcRouteIT} points at the proxy.
 */
class GrpcEchoServersIT {
  @Test
  void echoesTheMethodTheMetadataTheAuthorityAndWhoAnswered() throws Exception {
    try (GrpcEchoServers servers = GrpcEchoServers.start();
        GrpcGatewayClient client =
            new GrpcGatewayClient("127.0.0.1", servers.port(INFRA, "grpc-infra-backend-v2"))) {
      GrpcEchoResponse echo =
          client.expectBackend(
              GrpcEcho.ECHO_TWO,
              "grpc.example.com",
              Map.of("X-Color", "blue"),
              INFRA,
              "grpc-infra-backend-v2");
      assertThat(echo.fullyQualifiedMethod())
          .isEqualTo("/gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/EchoTwo");
      assertThat(echo.authority()).isEqualTo("grpc.example.com");
      assertThat(echo.header("x-color")).containsExactly("blue");
      assertThat(servers.answered(INFRA, "grpc-infra-backend-v2")).containsExactly(echo);
      assertThat(servers.answered(INFRA, "grpc-infra-backend-v1")).isEmpty();

      client.expectCode(GrpcEcho.ECHO_THREE, null, Map.of(), Status.Code.UNIMPLEMENTED);
    }
  }

  @Test
  void responseCodecReadsWhatItWrites() {
    GrpcEchoResponse response =
        new GrpcEchoResponse(
            "/pkg.Svc/Method",
            List.of(Map.entry("a", "1"), Map.entry("a", "2"), Map.entry("b", "ü")),
            "host.example.com",
            INFRA,
            "grpc-infra-backend-v1");
    assertThat(GrpcEchoResponse.decode(response.encode())).isEqualTo(response);
    assertThat(response.header("a")).containsExactly("1", "2");
  }
}
