package dev.lintel.proxy.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class EchoServerIT {
  @Test
  void describesEachRequestAsJsonOverKeepAlive() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      assertThat(port).isPositive();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/p?q=" + i))
                    .header("X-Test", "v" + i)
                    .PUT(HttpRequest.BodyPublishers.ofString("hello"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("name").asText()).isEqualTo("echo-1");
        assertThat(json.get("method").asText()).isEqualTo("PUT");
        assertThat(json.get("path").asText()).isEqualTo("/p?q=" + i);
        assertThat(json.get("host").asText()).isEqualTo("127.0.0.1:" + port);
        assertThat(json.get("headers").get("x-test").get(0).asText()).isEqualTo("v" + i);
        assertThat(json.get("bodyLength").asInt()).isEqualTo(5);
        assertThat(json.get("bodySha256").asText())
            .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
      }
      assertThat(echo.requestsServed()).isEqualTo(3);
      assertThat(echo.connectionsAccepted()).isEqualTo(1);
    }
  }

  @Test
  void addsTheResponseHeadersARequestAsksFor() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .header("X-Echo-Set-Header", "X-One:1, x-two : two words")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().allValues("x-one")).containsExactly("1");
      assertThat(response.headers().allValues("x-two")).containsExactly("two words");
    }
  }
}
