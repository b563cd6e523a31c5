package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.testing.H2Client;
import dev.lintel.proxy.testing.RawHttpClient;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/2 end to end in clear text: h2c clients (prior knowledge and Upgrade) in front of the proxy,
 * HTTP/1.1 and h2c echo backends behind it, trailers both ways, resets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2IT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EchoServer echo;

  private ProxyServer proxy;

  @BeforeAll
  static void startBackends() {
    echo = new EchoServer(LOOPBACK, 0, "echo");
    echo.start();
  }

  @AfterAll
  static void stopBackends() {
    echo.close();
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private int start(Backend backend) throws Exception {
    return start(config(listener(8080, anyHost(prefix("all", "/", backend)))));
  }

  private int start(ProxyConfig config) throws Exception {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1)
                .withUpstreamResponseTimeout(Duration.ofSeconds(5)));
    proxy.apply(config);
    return proxy.boundPorts().get(8080);
  }

  private static Backend http1(int port) {
    return backend("echo", 1, local(port));
  }

  private static Backend h2c(int port) {
    return backend("echo", 1, local(port)).withProtocol(BackendProtocol.H2C);
  }

  private static JsonNode json(H2Client.Response response) throws IOException {
    return JSON.readTree(response.bodyText());
  }

  @Test
  void priorKnowledgeReachesAnHttp1Backend() throws Exception {
    int port = start(http1(echo.port()));
    try (H2Client client = H2Client.connect(port)) {
      H2Client.Response response =
          client.send(H2Client.get("example.com", "/hello?x=1")).get(10, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers.get("content-type").toString()).isEqualTo("application/json");
      JsonNode body = json(response);
      assertThat(body.path("path").asText()).isEqualTo("/hello?x=1");
      assertThat(body.path("host").asText()).isEqualTo("example.com");
      assertThat(body.path("protocol").asText()).isEqualTo("HTTP/1.1");
      assertThat(body.path("headers").path("x-forwarded-proto").get(0).asText()).isEqualTo("http");
      // Connection-specific fields never reach an HTTP/2 client.
      assertThat(response.headers.contains("connection")).isFalse();
      assertThat(response.headers.contains("transfer-encoding")).isFalse();
    }
  }

  @Test
  void manyConcurrentStreamsOnOneConnection() throws Exception {
    int port = start(http1(echo.port()));
    try (H2Client client = H2Client.connect(port)) {
      List<CompletableFuture<H2Client.Response>> responses = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        responses.add(client.send(H2Client.get("example.com", "/stream/" + i)));
      }
      for (int i = 0; i < 100; i++) {
        H2Client.Response response = responses.get(i).get(20, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).path("path").asText()).isEqualTo("/stream/" + i);
      }
    }
  }

  @Test
  void requestBodiesStreamWithAndWithoutALength() throws Exception {
    int port = start(http1(echo.port()));
    byte[] body = new byte[300_000];
    new Random(7).nextBytes(body);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    try (H2Client client = H2Client.connect(port)) {
      Http2Headers unframed = H2Client.get("example.com", "/upload").method("POST");
      H2Client.Response chunked = client.send(unframed, body, null).get(20, TimeUnit.SECONDS);
      assertThat(json(chunked).path("bodySha256").asText()).isEqualTo(sha);
      assertThat(json(chunked).path("headers").path("transfer-encoding").get(0).asText())
          .isEqualTo("chunked");

      Http2Headers sized =
          H2Client.get("example.com", "/upload")
              .method("PUT")
              .setInt("content-length", body.length);
      H2Client.Response fixed = client.send(sized, body, null).get(20, TimeUnit.SECONDS);
      assertThat(json(fixed).path("bodyLength").asInt()).isEqualTo(body.length);
      assertThat(json(fixed).path("bodySha256").asText()).isEqualTo(sha);
    }
  }

  @Test
  void anH2cBackendGetsTeTrailersAndItsTrailersReachAnHttp2Client() throws Exception {
    int port = start(h2c(echo.port()));
    try (H2Client client = H2Client.connect(port)) {
      Http2Headers request = H2Client.grpcCall("example.com", "/grpc.Echo/Say");
      Http2Headers requestTrailers = new DefaultHttp2Headers().set("x-checksum", "abc");
      H2Client.Response response =
          client
              .send(request, "hello".getBytes(StandardCharsets.UTF_8), requestTrailers)
              .get(10, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.path("protocol").asText()).isEqualTo("HTTP/2.0");
      assertThat(body.path("headers").path("te").get(0).asText()).isEqualTo("trailers");
      assertThat(body.path("bodyLength").asInt()).isEqualTo(5);
      assertThat(response.trailers).isNotNull();
      assertThat(response.trailers.get("grpc-status").toString()).isEqualTo("0");
      assertThat(response.trailers.get("grpc-message").toString()).isEqualTo("fine");
      // The request's trailers went upstream too (the echo sends them back).
      assertThat(response.trailers.get("x-checksum").toString()).isEqualTo("abc");
    }
  }

  @Test
  void anHttp11ClientReachesAnH2cBackendAndGetsItsTrailersAsChunkedTrailers() throws Exception {
    int port = start(h2c(echo.port()));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send(
          "GET /plain HTTP/1.1\r\nHost: example.com\r\nTE: trailers\r\n"
              + "X-Echo-Set-Trailer: grpc-status:7\r\n\r\n");
      RawHttpClient.Response response = client.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(response.trailers()).containsEntry("grpc-status", "7");
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("protocol").asText()).isEqualTo("HTTP/2.0");
      assertThat(body.path("host").asText()).isEqualTo("example.com");

      // The same client connection goes on, over a new stream of the shared h2c connection.
      client.get("example.com", "/again");
      assertThat(client.read().status()).isEqualTo(200);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> plain =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jdk")).build(),
            BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(plain.body()).path("protocol").asText()).isEqualTo("HTTP/2.0");
  }

  @Test
  void concurrentRequestsShareOneH2cConnection() throws Exception {
    EchoServer backend = new EchoServer(LOOPBACK, 0, "shared");
    backend.start();
    try {
      int port = start(h2c(backend.port()));
      try (H2Client client = H2Client.connect(port)) {
        List<CompletableFuture<H2Client.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          responses.add(client.send(H2Client.get("example.com", "/s/" + i + "?delay=100ms")));
        }
        for (CompletableFuture<H2Client.Response> response : responses) {
          assertThat(response.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
      }
      assertThat(backend.requestsServed()).isEqualTo(50);
      assertThat(backend.connectionsAccepted()).isEqualTo(1);
    } finally {
      backend.close();
    }
  }

  @Test
  void theUpgradeFromHttp11IsServedOverHttp2() throws Exception {
    int port = start(http1(echo.port()));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/up/" + i)).build(),
              BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("path").asText()).isEqualTo("/up/" + i);
      // The upgrade's own fields stay between client and proxy.
      assertThat(body.path("headers").has("http2-settings")).isFalse();
      assertThat(body.path("headers").has("upgrade")).isFalse();
    }
  }

  @Test
  void anUpgradeWithUnreadableSettingsIsRefusedAndOthersAreServedOverHttp11() throws Exception {
    int port = start(http1(echo.port()));
    RawHttpClient.Response refused =
        RawHttpClient.exchange(
            port,
            "GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP\r\n\r\n");
    assertThat(refused.status()).isEqualTo(400);
    // Without HTTP2-Settings it is no h2c upgrade: served over HTTP/1.1, the fields dropped.
    RawHttpClient.Response plain =
        RawHttpClient.exchange(
            port, "GET /x HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(JSON.readTree(plain.body()).path("headers").has("upgrade")).isFalse();
  }

  @Test
  void aStreamResetMidResponseAbortsItsExchangeAndDropsTheUpstreamConnection() throws Exception {
    try (ServerSocket slow = new ServerSocket(0, 10, LOOPBACK)) {
      int port = start(http1(slow.getLocalPort()));
      try (H2Client client = H2Client.connect(port)) {
        H2Client.Response response = new H2Client.Response();
        Http2StreamChannel stream = client.open(response).get(5, TimeUnit.SECONDS);
        stream.writeAndFlush(
            new io.netty.handler.codec.http2.DefaultHttp2HeadersFrame(
                H2Client.get("example.com", "/slow"), true));
        try (Socket upstream = slow.accept()) {
          upstream.setSoTimeout(10_000);
          InputStream in = upstream.getInputStream();
          readHead(in);
          OutputStream out = upstream.getOutputStream();
          out.write(
              "HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\npartial"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          response.firstData.get(5, TimeUnit.SECONDS);
          stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
          // The proxy closes the upstream connection: it is mid-response and cannot be reused.
          assertThat(in.read()).isEqualTo(-1);
        }
        // The connection itself carries on.
        assertThat(client.isOpen()).isTrue();
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed before the request head ended");
      }
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
  }
}
