package dev.lintel.proxy.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

  @Test
  void holdsTheAnswerBackForTheRequestedDelayWithoutBlockingOthers() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long start = System.nanoTime();
      CompletableFuture<HttpResponse<String>> slow =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/s?delay=1s"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // Another connection is answered while the slow one waits: the event loop is not blocked.
      HttpResponse<String> fast =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/f")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(fast.statusCode()).isEqualTo(200);
      assertThat(slow).isNotDone();
      HttpResponse<String> slowResponse = slow.get();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(slowResponse.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(slowResponse.body()).get("path").asText())
          .isEqualTo("/s?delay=1s");
      assertThat(echo.recentRequests()).containsExactly("GET /f", "GET /s?delay=1s");
    }
  }

  @Test
  void answersASecondRequestOnTheConnectionOnlyAfterADelayedFirst() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1");
        Socket socket = new Socket()) {
      int port = echo.start();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      // Pipelined: the second request arrives while the first is still held back.
      socket
          .getOutputStream()
          .write(
              ("GET /first?delay=300ms HTTP/1.1\r\nHost: e\r\n\r\n"
                      + "GET /second HTTP/1.1\r\nHost: e\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answers).as("answers").contains("/first?delay=300ms");
      assertThat(answers.indexOf("/first?delay=300ms")).isLessThan(answers.indexOf("/second"));
    }
  }

  @Test
  void answers500ToADelayThatIsNoDuration() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?delay=soon"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(new ObjectMapper().readTree(response.body()).get("error").asText())
          .contains("'soon'");
    }
  }
}
