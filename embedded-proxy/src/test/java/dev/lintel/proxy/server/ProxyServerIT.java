package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.exact;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.matching;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.rejected;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.Cors;
import dev.lintel.proxy.config.DirectResponse;
import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HeaderValue;
import dev.lintel.proxy.config.Mirror;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.PathModifier;
import dev.lintel.proxy.config.PathModifierType;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Redirect;
import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.Rewrite;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.testing.RawHttpClient;
import dev.lintel.proxy.testing.RawHttpClient.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy end to end: real sockets, real echo backends, real clients. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyServerIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EchoServer echoA;
  private static EchoServer echoB;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ProxyServer proxy;

  @BeforeAll
  static void startBackends() {
    echoA = new EchoServer(LOOPBACK, 0, "a");
    echoA.start();
    echoB = new EchoServer(LOOPBACK, 0, "b");
    echoB.start();
  }

  @AfterAll
  static void stopBackends() {
    echoA.close();
    echoB.close();
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private int start(ProxyConfig config) throws Exception {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1)
                .withUpstreamResponseTimeout(Duration.ofMillis(500))
                .withMeterRegistry(registry));
    proxy.apply(config);
    return proxy.boundPorts().get(config.listeners().get(0).port());
  }

  private static JsonNode json(Response response) throws IOException {
    return JSON.readTree(response.body());
  }

  private double requests(String codeClass) {
    return registry.get(ProxyMetrics.REQUESTS).tag("code", codeClass).counter().count();
  }

  private double upstreamErrors(String reason) {
    return registry.get(ProxyMetrics.UPSTREAM_ERRORS).tag("reason", reason).counter().count();
  }

  @Test
  void proxiesGetWithForwardedHeadersAndWithoutHopByHopHeaders() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("all", "/", backend("a", 1, local(echoA.port())))))));
    Response response =
        RawHttpClient.exchange(
            port,
            "GET /hello?x=1 HTTP/1.1\r\nHost: Shop.Example.com:8080\r\n"
                + "X-Forwarded-For: 10.0.0.1\r\nConnection: keep-alive, X-Secret\r\nX-Secret: s\r\n"
                + "Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\nUpgrade: h2c\r\n"
                + "X-Kept: yes\r\n\r\n");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    JsonNode echo = json(response);
    assertThat(echo.get("name").asText()).isEqualTo("a");
    assertThat(echo.get("method").asText()).isEqualTo("GET");
    assertThat(echo.get("path").asText()).isEqualTo("/hello?x=1");
    assertThat(echo.get("host").asText()).isEqualTo("Shop.Example.com:8080");
    JsonNode headers = echo.get("headers");
    assertThat(headers.get("x-forwarded-for").get(0).asText()).isEqualTo("10.0.0.1, 127.0.0.1");
    assertThat(headers.get("x-forwarded-proto").get(0).asText()).isEqualTo("http");
    assertThat(headers.get("x-forwarded-host").get(0).asText()).isEqualTo("Shop.Example.com:8080");
    assertThat(headers.get("x-kept").get(0).asText()).isEqualTo("yes");
    for (String hopByHop :
        List.of("x-secret", "keep-alive", "proxy-connection", "te", "upgrade", "connection")) {
      assertThat(headers.has(hopByHop)).as(hopByHop).isFalse();
    }
    assertThat(requests("2xx")).isEqualTo(1);
  }

  @Test
  void routesByHostAndPath() throws Exception {
    int port =
        start(
            config(
                listener(
                    8080,
                    vhost(
                        List.of("*.example.com"),
                        prefix("b-api", "/api", backend("b", 1, local(echoB.port())))),
                    anyHost(exact("a-exact", "/api", backend("a", 1, local(echoA.port())))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.get("x.example.com", "/api/users");
      assertThat(json(client.read()).get("name").asText()).isEqualTo("b");
      client.get("other.org", "/api");
      assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
      client.get("other.org", "/api/users");
      assertThat(client.read().status()).isEqualTo(404);
      client.get("x.example.com", "/apix");
      assertThat(client.read().status()).isEqualTo(404);
      // Still usable after local answers: keep-alive holds.
      client.get("y.example.com", "/api");
      assertThat(json(client.read()).get("name").asText()).isEqualTo("b");
    }
    assertThat(requests("4xx")).isEqualTo(2);
  }

  @Test
  void routesByMethodHeadersAndQueryOnTheWire() throws Exception {
    RouteMatch canary =
        new RouteMatch(
            new PathMatch(PathMatchType.PathPrefix, "/"),
            "POST",
            List.of(new ValueMatch(ValueMatchType.RegularExpression, "x-version", "v[23]")),
            List.of(new ValueMatch(ValueMatchType.Exact, "track", "canary")));
    int port =
        start(
            config(
                listener(
                    8080,
                    anyHost(
                        matching("canary", canary, backend("b", 1, local(echoB.port()))),
                        prefix("stable", "/", backend("a", 1, local(echoA.port())))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      String canaryRequest =
          "POST /orders?track=canary HTTP/1.1\r\nHost: shop\r\nX-Version: v1\r\n"
              + "x-version: v3\r\nContent-Length: 0\r\n\r\n";
      // Two X-Version lines read as "v1,v3": not a whole match of v[23].
      client.send(canaryRequest);
      assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
      client.send(canaryRequest.replace("X-Version: v1\r\n", ""));
      assertThat(json(client.read()).get("name").asText()).isEqualTo("b");
      client.send(canaryRequest.replace("X-Version: v1\r\nx-version: v3", "X-VERSION: v2"));
      assertThat(json(client.read()).get("name").asText()).isEqualTo("b");
      client.send(
          canaryRequest
              .replace("X-Version: v1\r\nx-version: v3", "X-VERSION: v2")
              .replace("track=canary", "track=stable"));
      assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
      client.send(
          canaryRequest
              .replace("X-Version: v1\r\nx-version: v3", "X-VERSION: v2")
              .replace("POST", "PUT"));
      assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
    }
  }

  @Test
  void appliesHeaderFiltersRedirectsAndRewritesOnTheWire() throws Exception {
    HeaderModifier requestHeaders =
        new HeaderModifier(
            List.of(new HeaderValue("X-Set", "set")),
            List.of(new HeaderValue("X-Add", "added")),
            List.of("x-remove"));
    HeaderModifier responseHeaders =
        new HeaderModifier(List.of(), List.of(new HeaderValue("X-Response", "r")), List.of());
    Backend echo =
        new Backend(
            "a",
            1,
            List.of(local(echoA.port())),
            null,
            new HeaderModifier(List.of(new HeaderValue("X-Backend", "a")), List.of(), List.of()),
            null);
    Route headers =
        new Route(
            "headers",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/headers")),
            new RouteFilters(requestHeaders, responseHeaders, null, null),
            List.of(echo));
    Route redirect =
        new Route(
            "redirect",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/old")),
            new RouteFilters(
                null,
                null,
                new Redirect(
                    "https",
                    null,
                    null,
                    new PathModifier(PathModifierType.ReplacePrefixMatch, "/new"),
                    301),
                null),
            List.of());
    Route rewrite =
        new Route(
            "rewrite",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/api")),
            new RouteFilters(
                null,
                null,
                null,
                new Rewrite(
                    "internal.example.com",
                    new PathModifier(PathModifierType.ReplacePrefixMatch, "/v2"))),
            List.of(echo));
    int port = start(config(listener(8080, anyHost(headers, redirect, rewrite))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send(
          "GET /headers HTTP/1.1\r\nHost: shop:8080\r\nX-Set: old\r\nX-Remove: r\r\n"
              + "X-Add: first\r\n\r\n");
      Response response = client.read();
      assertThat(response.headers().get("x-response")).containsExactly("r");
      JsonNode seen = json(response).get("headers");
      assertThat(seen.get("x-set").toString()).isEqualTo("[\"set\"]");
      assertThat(seen.get("x-add").toString()).isEqualTo("[\"first\",\"added\"]");
      assertThat(seen.get("x-backend").toString()).isEqualTo("[\"a\"]");
      assertThat(seen.has("x-remove")).isFalse();

      client.send("GET /old/page?x=1 HTTP/1.1\r\nHost: shop:8080\r\n\r\n");
      response = client.read();
      assertThat(response.status()).isEqualTo(301);
      assertThat(response.headers().get("location")).containsExactly("https://shop/new/page?x=1");

      client.send("GET /api/users?id=7 HTTP/1.1\r\nHost: shop:8080\r\n\r\n");
      JsonNode rewritten = json(client.read());
      assertThat(rewritten.get("path").asText()).isEqualTo("/v2/users?id=7");
      assertThat(rewritten.get("host").asText()).isEqualTo("internal.example.com");
      assertThat(rewritten.get("headers").get("x-forwarded-host").toString())
          .isEqualTo("[\"shop:8080\"]");
    }
  }

  @Test
  void answersDirectResponsesItselfWithTheRulesResponseHeadersAndNoBodyForHead() throws Exception {
    Route blocked =
        new Route(
            "blocked",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/blocked")),
            new RouteFilters(
                null,
                new HeaderModifier(
                    List.of(new HeaderValue("X-Blocked-By", "lintel")), List.of(), List.of()),
                null,
                null,
                List.of(),
                null,
                new DirectResponse(403, "gesperrt \u2014 blocked\n")),
            List.of());
    Route empty =
        new Route(
            "empty",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/empty")),
            new RouteFilters(
                null, null, null, null, List.of(), null, new DirectResponse(204, null)),
            List.of());
    int port = start(config(listener(8080, anyHost(blocked, empty))));
    byte[] body = "gesperrt \u2014 blocked\n".getBytes(StandardCharsets.UTF_8);
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send("GET /blocked/x HTTP/1.1\r\nHost: shop\r\n\r\n");
      Response response = client.read();
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.headers().get("x-blocked-by")).containsExactly("lintel");
      assertThat(response.headers().get("content-type"))
          .containsExactly("text/plain; charset=utf-8");
      assertThat(response.body()).isEqualTo(body);

      // Same connection: a HEAD gets the fields (with the GET's length) and no body, and the
      // next response still parses, so nothing was written past the head.
      client.send("HEAD /blocked HTTP/1.1\r\nHost: shop\r\n\r\n");
      client.send("GET /empty HTTP/1.1\r\nHost: shop\r\n\r\n");
      Response head = client.readHead();
      assertThat(head.status()).isEqualTo(403);
      assertThat(head.headers().get("content-length")).containsExactly("" + body.length);
      Response noContent = client.read();
      assertThat(noContent.status()).isEqualTo(204);
      assertThat(noContent.headers()).doesNotContainKey("content-length");
      assertThat(noContent.body()).isEmpty();
    }
  }

  @Test
  void answersCorsPreflightsItselfAndAddsCorsHeadersToAllowedOriginsOnly() throws Exception {
    Cors cors =
        new Cors(
            List.of("https://www.foo.com", "https://*.bar.com"),
            true,
            List.of("GET", "OPTIONS"),
            List.of("x-header-1"),
            List.of("x-header-3"),
            3600);
    // Stands in for a backend with CORS headers of its own: the route's policy must win.
    HeaderModifier permissiveBackend =
        new HeaderModifier(
            List.of(new HeaderValue("Access-Control-Allow-Origin", "*")), List.of(), List.of());
    Route route =
        new Route(
            "cors",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/")),
            new RouteFilters(null, permissiveBackend, null, null, cors),
            List.of(backend("a", 1, local(echoA.port()))));
    int port = start(config(listener(8080, anyHost(route))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send(
          "OPTIONS /api HTTP/1.1\r\nHost: shop\r\nOrigin: https://www.bar.com\r\n"
              + "Access-Control-Request-Method: GET\r\n\r\n");
      Response preflight = client.read();
      assertThat(preflight.status()).isEqualTo(200);
      assertThat(preflight.body()).isEmpty();
      assertThat(preflight.headers().get("access-control-allow-origin"))
          .containsExactly("https://www.bar.com");
      assertThat(preflight.header("access-control-allow-methods")).isEqualTo("GET, OPTIONS");
      assertThat(preflight.header("access-control-allow-headers")).isEqualTo("x-header-1");
      assertThat(preflight.header("access-control-expose-headers")).isEqualTo("x-header-3");
      assertThat(preflight.header("access-control-max-age")).isEqualTo("3600");
      assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
      assertThat(preflight.header("vary")).isEqualTo("origin");

      // Same connection: the preflight left it usable. The actual request reaches the backend.
      client.send("GET /api HTTP/1.1\r\nHost: shop\r\nOrigin: https://www.foo.com\r\n\r\n");
      Response allowed = client.read();
      assertThat(json(allowed).get("method").asText()).isEqualTo("GET");
      assertThat(json(allowed).get("headers").get("origin").toString())
          .isEqualTo("[\"https://www.foo.com\"]");
      assertThat(allowed.headers().get("access-control-allow-origin"))
          .containsExactly("https://www.foo.com");
      assertThat(allowed.header("access-control-allow-credentials")).isEqualTo("true");
      assertThat(allowed.header("access-control-expose-headers")).isEqualTo("x-header-3");
      assertThat(allowed.header("access-control-allow-methods")).isNull();

      client.send("GET /api HTTP/1.1\r\nHost: shop\r\nOrigin: https://foobar.com\r\n\r\n");
      Response refused = client.read();
      assertThat(refused.status()).isEqualTo(200);
      assertThat(refused.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
      assertThat(refused.header("vary")).isEqualTo("origin");

      client.send(
          "OPTIONS /api HTTP/1.1\r\nHost: shop\r\nOrigin: https://foobar.com\r\n"
              + "Access-Control-Request-Method: GET\r\n\r\n");
      Response refusedPreflight = client.read();
      assertThat(refusedPreflight.status()).isEqualTo(403);
      assertThat(refusedPreflight.headers().keySet())
          .noneMatch(name -> name.startsWith("access-control-"));

      // Not a preflight (no requested method): an OPTIONS request like any other.
      client.send("OPTIONS /api HTTP/1.1\r\nHost: shop\r\nOrigin: https://www.foo.com\r\n\r\n");
      Response options = client.read();
      assertThat(json(options).get("method").asText()).isEqualTo("OPTIONS");
      assertThat(options.header("access-control-allow-origin")).isEqualTo("https://www.foo.com");

      client.send("GET /api HTTP/1.1\r\nHost: shop\r\n\r\n");
      Response sameOrigin = client.read();
      assertThat(sameOrigin.status()).isEqualTo(200);
      assertThat(sameOrigin.header("access-control-allow-origin")).isNull();
    }
    assertThat(requests("4xx")).isEqualTo(1);
  }

  @Test
  void streamsLargeChunkedUploadIntact() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("all", "/", backend("a", 1, local(echoA.port())))))));
    byte[] body = new byte[8 * 1024 * 1024];
    new Random(7).nextBytes(body);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/upload"))
            // An InputStream of unknown length makes the client send chunks.
            .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
            .build();
    HttpResponse<byte[]> response =
        http.sendAsync(request, BodyHandlers.ofByteArray()).get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode echo = JSON.readTree(response.body());
    assertThat(echo.get("headers").get("transfer-encoding").get(0).asText()).isEqualTo("chunked");
    assertThat(echo.get("bodyLength").asLong()).isEqualTo(body.length);
    assertThat(echo.get("bodySha256").asText()).isEqualTo(expected);
  }

  @Test
  void reusesUpstreamConnections() throws Exception {
    EchoServer echo = new EchoServer(LOOPBACK, 0, "counted");
    try {
      echo.start();
      int port =
          start(
              config(
                  listener(
                      8080, anyHost(prefix("all", "/", backend("c", 1, local(echo.port())))))));
      URI uri = URI.create("http://127.0.0.1:" + port + "/");
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
      }
      assertThat(echo.requestsServed()).isEqualTo(20);
      assertThat(echo.connectionsAccepted()).isLessThan(20).isEqualTo(1);
    } finally {
      echo.close();
    }
  }

  @Test
  void answersHttp10ClientsAndClosesTheirConnection() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("all", "/", backend("a", 1, local(echoA.port())))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send("GET /old HTTP/1.0\r\n\r\n");
      Response response = client.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(json(response).get("path").asText()).isEqualTo("/old");
      assertThat(client.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void answersPipelinedRequestsInOrder() throws Exception {
    int port =
        start(
            config(
                listener(
                    8080,
                    anyHost(
                        prefix("a", "/a", backend("a", 1, local(echoA.port()))),
                        prefix("b", "/b", backend("b", 1, local(echoB.port())))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send(
          "GET /a/1 HTTP/1.1\r\nHost: h\r\n\r\nGET /missing HTTP/1.1\r\nHost: h\r\n\r\n"
              + "POST /b/2 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
              + "GET /a/3 HTTP/1.1\r\nHost: h\r\n\r\n");
      assertThat(json(client.read()).get("path").asText()).isEqualTo("/a/1");
      assertThat(client.read().status()).isEqualTo(404);
      JsonNode post = json(client.read());
      assertThat(post.get("path").asText()).isEqualTo("/b/2");
      assertThat(post.get("bodyLength").asInt()).isEqualTo(5);
      assertThat(json(client.read()).get("path").asText()).isEqualTo("/a/3");
    }
  }

  @Test
  void rejectsMalformedAndOversizedRequests() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("all", "/", backend("a", 1, local(echoA.port())))))));
    assertThat(RawHttpClient.exchange(port, "GARBAGE\r\n\r\n").status()).isEqualTo(400);
    assertThat(
            RawHttpClient.exchange(port, "GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n")
                .status())
        .isEqualTo(400);
    String longLine = "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n";
    assertThat(RawHttpClient.exchange(port, longLine).status()).isEqualTo(414);
    String bigHeaders = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(17_000) + "\r\n\r\n";
    assertThat(RawHttpClient.exchange(port, bigHeaders).status()).isEqualTo(431);
    assertThat(
            RawHttpClient.exchange(
                    port,
                    "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
                .status())
        .isEqualTo(400);
  }

  @Test
  void answers500ForRoutesWithoutUsableBackends() throws Exception {
    int port =
        start(
            config(
                listener(
                    8080,
                    anyHost(
                        prefix("none", "/none"),
                        prefix("zero", "/zero", backend("z", 0, local(echoA.port()))),
                        prefix("rejected", "/rejected", rejected("r", 1, "BackendNotFound"))))));
    for (String path : List.of("/none", "/zero", "/rejected")) {
      assertThat(
              RawHttpClient.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").status())
          .as(path)
          .isEqualTo(500);
    }
    assertThat(requests("5xx")).isEqualTo(3);
  }

  @Test
  void rejectedBackendGetsItsShareAnswered500() throws Exception {
    int port =
        start(
            config(
                listener(
                    8080,
                    anyHost(
                        prefix(
                            "split",
                            "/",
                            backend("a", 1, local(echoA.port())),
                            rejected("r", 1, "RefNotPermitted"))))));
    int ok = 0;
    int failed = 0;
    try (RawHttpClient client = new RawHttpClient(port)) {
      for (int i = 0; i < 200; i++) {
        client.get("h", "/");
        int status = client.read().status();
        if (status == 200) {
          ok++;
        } else if (status == 500) {
          failed++;
        }
      }
    }
    assertThat(ok + failed).isEqualTo(200);
    assertThat(ok).isBetween(60, 140);
  }

  @Test
  void answers503WhenBackendHasNoEndpoints() throws Exception {
    int port = start(config(listener(8080, anyHost(prefix("empty", "/", backend("e", 1))))));
    assertThat(RawHttpClient.exchange(port, "GET / HTTP/1.1\r\nHost: h\r\n\r\n").status())
        .isEqualTo(503);
  }

  @Test
  void answers502WhenUpstreamRefusesConnections() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      closedPort = socket.getLocalPort();
    }
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("dead", "/", backend("d", 1, local(closedPort)))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody");
      assertThat(client.read().status()).isEqualTo(502);
      // The unread body was drained: the connection still serves requests.
      client.get("h", "/");
      assertThat(client.read().status()).isEqualTo(502);
    }
    assertThat(upstreamErrors("connect")).isEqualTo(2);
  }

  @Test
  void answers502WhenUpstreamClosesBeforeResponding() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 50, LOOPBACK)) {
      Thread closer =
          new Thread(
              () -> {
                try (Socket s = upstream.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[1024]);
                } catch (IOException ignored) {
                  // the test asserts on the client side
                }
              });
      closer.start();
      int port =
          start(
              config(
                  listener(
                      8080,
                      anyHost(
                          prefix("rude", "/", backend("r", 1, local(upstream.getLocalPort())))))));
      assertThat(RawHttpClient.exchange(port, "GET / HTTP/1.1\r\nHost: h\r\n\r\n").status())
          .isEqualTo(502);
      closer.join(5000);
    }
    assertThat(upstreamErrors("reset")).isEqualTo(1);
  }

  @Test
  void closesClientWhenUpstreamDiesMidResponse() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 50, LOOPBACK)) {
      Thread half =
          new Thread(
              () -> {
                try (Socket s = upstream.accept()) {
                  s.getInputStream().read(new byte[1024]);
                  s.getOutputStream()
                      .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial".getBytes());
                  s.getOutputStream().flush();
                } catch (IOException ignored) {
                  // the test asserts on the client side
                }
              });
      half.start();
      int port =
          start(
              config(
                  listener(
                      8080,
                      anyHost(
                          prefix("half", "/", backend("h", 1, local(upstream.getLocalPort())))))));
      try (RawHttpClient client = new RawHttpClient(port)) {
        client.get("h", "/");
        // The head was relayed, then the connection must end without the missing 93 bytes.
        assertThatResponseIsTruncated(client);
      }
      half.join(5000);
    }
  }

  private static void assertThatResponseIsTruncated(RawHttpClient client) {
    try {
      Response response = client.read();
      assertThat(response.body().length).isLessThan(100);
    } catch (IOException expected) {
      // end of stream while reading the body: truncated, as it must be
    }
  }

  @Test
  void answers504WhenUpstreamDoesNotAnswerInTime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket upstream = new ServerSocket(0, 50, LOOPBACK)) {
      Thread silent =
          new Thread(
              () -> {
                try (Socket s = upstream.accept()) {
                  release.await(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                  // the test asserts on the client side
                }
              });
      silent.start();
      int port =
          start(
              config(
                  listener(
                      8080,
                      anyHost(
                          prefix("slow", "/", backend("s", 1, local(upstream.getLocalPort())))))));
      long started = System.nanoTime();
      assertThat(RawHttpClient.exchange(port, "GET / HTTP/1.1\r\nHost: h\r\n\r\n").status())
          .isEqualTo(504);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
      release.countDown();
      silent.join(5000);
    }
    assertThat(upstreamErrors("timeout")).isEqualTo(1);
  }

  @Test
  void routeTimeoutsEndTheWaitSoonerThanTheDefault() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket upstream = new ServerSocket(0, 50, LOOPBACK)) {
      Thread silent =
          new Thread(
              () -> {
                try (Socket a = upstream.accept();
                    Socket b = upstream.accept()) {
                  release.await(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                  // the test asserts on the client side
                }
              });
      silent.start();
      Backend slow = backend("s", 1, local(upstream.getLocalPort()));
      Route backendLimited =
          new Route(
              "backend-limited",
              RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/backend")),
              RouteFilters.NONE,
              new Timeouts(null, 100),
              List.of(slow));
      Route requestLimited =
          new Route(
              "request-limited",
              RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/request")),
              RouteFilters.NONE,
              new Timeouts(150, 400),
              List.of(slow));
      // The default upstream response timeout of these tests is 500 ms.
      int port = start(config(listener(8080, anyHost(backendLimited, requestLimited))));
      for (String path : List.of("/backend", "/request")) {
        long started = System.nanoTime();
        assertThat(
                RawHttpClient.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n")
                    .status())
            .isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as(path)
            .isBetween(Duration.ofMillis(90), Duration.ofMillis(400));
      }
      release.countDown();
      silent.join(5000);
    }
    assertThat(upstreamErrors("timeout")).isEqualTo(2);
  }

  @Test
  void mirrorsCopiesWithBodiesWithoutTouchingTheOriginal() throws Exception {
    int deadPort;
    try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
      deadPort = closed.getLocalPort();
    }
    Route mirrored =
        new Route(
            "mirrored",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/m")),
            new RouteFilters(
                null,
                null,
                null,
                null,
                List.of(
                    new Mirror(backend("b", 1, local(echoB.port())), 1, 1),
                    new Mirror(backend("dead", 1, local(deadPort)), 1, 1),
                    new Mirror(backend("never", 1, local(echoB.port())), 0, 1))),
            List.of(backend("a", 1, local(echoA.port()))));
    int port = start(config(listener(8080, anyHost(mirrored))));
    int before = echoB.requestsServed();
    try (RawHttpClient client = new RawHttpClient(port)) {
      for (int i = 0; i < 3; i++) {
        client.send("POST /m/" + i + " HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
        JsonNode echo = json(client.read());
        assertThat(echo.get("name").asText()).isEqualTo("a");
        assertThat(echo.get("bodyLength").asInt()).isEqualTo(5);
      }
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                echoB.recentRequests().containsAll(List.of("POST /m/0", "POST /m/1", "POST /m/2")));
    // One copy per request: the mirror drawn with share 0 never got one.
    Thread.sleep(100);
    assertThat(echoB.requestsServed() - before).isEqualTo(3);
  }

  @Test
  void relaysWebSocketsAndOnlyWebSocketUpgrades() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("ws", "/", backend("a", 1, local(echoA.port())))))));
    java.util.concurrent.BlockingQueue<String> received =
        new java.util.concurrent.LinkedBlockingQueue<>();
    java.net.http.WebSocket socket =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/chat"),
                new java.net.http.WebSocket.Listener() {
                  private final StringBuilder message = new StringBuilder();

                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(
                      java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                    message.append(data); // a large message may arrive in parts
                    if (last) {
                      received.add(message.toString());
                      message.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    for (String message : List.of("hello", "x".repeat(70_000))) {
      socket.sendText(message, true).get(5, TimeUnit.SECONDS);
      String answer = received.poll(5, TimeUnit.SECONDS);
      assertThat(answer).isNotNull().startsWith("a: ").hasSize(message.length() + 3);
      assertThat(answer.equals("a: " + message)).isTrue();
    }
    socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> registry.get(ProxyMetrics.ACTIVE_CONNECTIONS).gauge().value() == 0);

    // Any other upgrade is not relayed: the request is proxied as a plain request. (h2c is no
    // exception: the proxy takes that upgrade itself, see Http2IT.)
    Response other =
        RawHttpClient.exchange(
            port, "GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: spdy/3\r\n\r\n");
    assertThat(other.status()).isEqualTo(200);
    JsonNode seen = json(other).get("headers");
    assertThat(seen.has("upgrade")).isFalse();
    assertThat(seen.has("connection")).isFalse();
  }

  @Test
  void retriesOnListedCodesAndConnectionErrorsButNeverAStreamedBody() throws Exception {
    int deadPort;
    try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
      deadPort = closed.getLocalPort();
    }
    try (ServerSocket failing = new ServerSocket(0, 50, LOOPBACK)) {
      Thread answers503 =
          new Thread(
              () -> {
                while (!failing.isClosed()) {
                  try (Socket s = failing.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream()
                        .write(
                            "HTTP/1.1 503 Unavailable\r\nContent-Length: 4\r\n\r\nbusy"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      answers503.start();
      Retry retry = new Retry(List.of(503), 1, 10);
      Route onCode =
          new Route(
              "on-code",
              RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/code")),
              RouteFilters.NONE,
              Timeouts.NONE,
              retry,
              List.of(backend("b", 1, local(failing.getLocalPort()), local(echoA.port()))));
      Route onConnect =
          new Route(
              "on-connect",
              RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/connect")),
              RouteFilters.NONE,
              Timeouts.NONE,
              retry,
              List.of(backend("c", 1, local(deadPort), local(echoA.port()))));
      int port = start(config(listener(8080, anyHost(onCode, onConnect))));
      try (RawHttpClient client = new RawHttpClient(port)) {
        // Round robin starts at the first endpoint: the failing one, then the retry goes on.
        client.get("h", "/code/1");
        assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
        client.get("h", "/connect/1");
        assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
        client.get("h", "/code/2"); // the round robin now points at echo: no retry needed
        assertThat(json(client.read()).get("name").asText()).isEqualTo("a");
        // A body that went upstream is not kept: the 503 is the answer.
        client.send("POST /code/3 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
        Response response = client.read();
        assertThat(response.status()).isEqualTo(503);
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("busy");
      }
      failing.close();
      answers503.join(5000);
    }
    assertThat(upstreamErrors("connect")).isEqualTo(1);
  }

  @Test
  void countsActiveConnections() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("all", "/", backend("a", 1, local(echoA.port())))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.get("h", "/");
      client.read();
      assertThat(registry.get(ProxyMetrics.ACTIVE_CONNECTIONS).gauge().value()).isEqualTo(1);
    }
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> registry.get(ProxyMetrics.ACTIVE_CONNECTIONS).gauge().value() == 0);
  }

  @Test
  void headRequestsGetNoBody() throws Exception {
    int port =
        start(
            config(
                listener(8080, anyHost(prefix("all", "/", backend("a", 1, local(echoA.port())))))));
    try (RawHttpClient client = new RawHttpClient(port)) {
      client.send("HEAD /h HTTP/1.1\r\nHost: h\r\n\r\n");
      Response head = client.readHead();
      assertThat(head.status()).isEqualTo(200);
      assertThat(Integer.parseInt(head.header("content-length"))).isPositive();
      // Had a body followed the head, this would parse it as the next status line.
      client.get("h", "/after");
      assertThat(json(client.read()).get("path").asText()).isEqualTo("/after");
    }
  }
}
