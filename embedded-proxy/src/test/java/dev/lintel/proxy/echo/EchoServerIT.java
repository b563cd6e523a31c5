package dev.lintel.proxy.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

  @Test
  void failsARetriedRequestWithTheGivenStatusUntilItsUuidHasFailedOftenEnough() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String a = "/retry/x?responseCode=503&succeedAfter=2&uuid=a";
      String b = "/retry/x?responseCode=503&succeedAfter=2&uuid=b";
      assertThat(get(client, port, a).statusCode()).isEqualTo(503);
      // Another uuid counts apart, also on another connection.
      HttpResponse<String> otherUuid =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + b)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(otherUuid.statusCode()).isEqualTo(503);
      JsonNode failure = new ObjectMapper().readTree(otherUuid.body());
      assertThat(failure.get("name").asText()).isEqualTo("echo-1");
      assertThat(failure.get("error").asText()).isEqualTo("simulated failure 1 of 2");
      assertThat(get(client, port, a).statusCode()).isEqualTo(503);
      HttpResponse<String> third = get(client, port, a);
      assertThat(third.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(third.body()).get("path").asText()).isEqualTo(a);
      assertThat(get(client, port, b).statusCode()).isEqualTo(503);
      assertThat(get(client, port, b).statusCode()).isEqualTo(200);
      // Outside /retry/ the parameters mean nothing.
      assertThat(get(client, port, "/other?responseCode=503&succeedAfter=2&uuid=c").statusCode())
          .isEqualTo(200);
      assertThat(echo.recentRequests()).hasSize(7); // failures are listed too
    }
  }

  @Test
  void resetsTheConnectionWhenNoStatusIsGivenAndFailsOnlyAfterDelayRetry() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1");
        Socket socket = new Socket()) {
      int port = echo.start();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      long start = System.nanoTime();
      socket
          .getOutputStream()
          .write(
              "GET /retry/r?succeedAfter=1&uuid=r&delayRetry=200ms HTTP/1.1\r\nHost: e\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThat(get(client, port, "/retry/r?succeedAfter=1&uuid=r&delayRetry=200ms").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void answers500ToRetryParametersThatCannotBeRead() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> response = get(client, port, "/retry/?succeedAfter=two");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(new ObjectMapper().readTree(response.body()).get("error").asText())
          .contains("succeedAfter 'two'");
    }
  }

  @Test
  void echoesWebSocketTextWithItsNameAndBinaryUnchanged() throws Exception {
    try (EchoServer echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo-1")) {
      int port = echo.start();
      LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + "/ws"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      received.add(data.toString());
                      ws.request(1);
                      return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(
                        WebSocket ws, ByteBuffer data, boolean last) {
                      byte[] bytes = new byte[data.remaining()];
                      data.get(bytes);
                      received.add(bytes);
                      ws.request(1);
                      return null;
                    }
                  })
              .get(5, TimeUnit.SECONDS);
      socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo-1: hello");
      socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new byte[] {1, 2, 3});
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> get(HttpClient client, int port, String target)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
