package dev.lintel.operator.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.echo.EchoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart served end to end: the example manifests, two real echo backends, standalone mode
 * with its in-process proxy, and a real HTTP client. Ports are ephemeral; the manifests are copied
 * and pointed at the echo servers' ports.
 */
class StandaloneQuickstartIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path manifests;
  private EchoServer blue;
  private EchoServer green;
  private StandaloneRuntime runtime;
  private int port;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @BeforeEach
  void startQuickstart() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    blue = new EchoServer(loopback, 0, "blue");
    green = new EchoServer(loopback, 0, "green");
    int bluePort = blue.start();
    int greenPort = green.start();
    try (Stream<Path> files = Files.list(Path.of("../examples/quickstart"))) {
      for (Path file : files.toList()) {
        String text =
            Files.readString(file)
                .replace("port: 9001", "port: " + bluePort)
                .replace("port: 9002", "port: " + greenPort);
        Files.writeString(manifests.resolve(file.getFileName()), text);
      }
    }
    port = freePort();
    runtime =
        new StandaloneRuntime(
            new StandaloneOptions(manifests, port - 80, 0, "127.0.0.1-127.0.0.1"),
            new SimpleMeterRegistry());
    runtime.start();
  }

  @AfterEach
  void stop() {
    runtime.close();
    blue.close();
    green.close();
  }

  @Test
  void hostAndPathRoutingReachTheNamedBackends() throws Exception {
    assertThat(backendOf(get("app.example.com", "/"))).isEqualTo("blue");
    assertThat(backendOf(get("api.example.com", "/v2/users"))).isEqualTo("green");
    assertThat(backendOf(get("api.example.com", "/health"))).isEqualTo("blue");
    assertThat(get("api.example.com", "/healthz").statusCode()).isEqualTo(404);
    assertThat(get("nobody.example.com", "/").statusCode()).isEqualTo(404);
  }

  @Test
  void backendSeesForwardedHeaders() throws Exception {
    JsonNode echo = JSON.readTree(get("app.example.com", "/x").body());
    JsonNode headers = echo.get("headers");
    assertThat(headers.toString()).containsIgnoringCase("x-forwarded-for").contains("127.0.0.1");
    assertThat(headers.toString())
        .containsIgnoringCase("x-forwarded-host")
        .contains("app.example.com");
  }

  @Test
  void weightedSplitIsWithinFivePercentOverOneThousandRequests() throws Exception {
    int green = 0;
    for (int i = 0; i < 1000; i++) {
      HttpResponse<String> response = get("app.example.com", "/canary");
      assertThat(response.statusCode()).isEqualTo(200);
      if (backendOf(response).equals("green")) {
        green++;
      }
    }
    assertThat(green).isBetween(150, 250);
  }

  @Test
  void routeFileChangeAppliesWithinOneSecondWithoutFailedRequests() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    AtomicReference<String> lastBackend = new AtomicReference<>("");
    Thread loop =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  HttpResponse<String> response = get("api.example.com", "/health");
                  requests.incrementAndGet();
                  if (response.statusCode() != 200) {
                    failures.incrementAndGet();
                  } else {
                    lastBackend.set(backendOf(response));
                  }
                } catch (Exception e) {
                  failures.incrementAndGet();
                }
              }
            });
    loop.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> "blue".equals(lastBackend.get()));

    Path route = manifests.resolve("30-route-api.yaml");
    String changed = Files.readString(route).replace("name: blue", "name: green");
    Path temporary = manifests.resolve(".30-route-api.yaml.tmp");
    Files.writeString(temporary, changed);
    long changedAt = System.nanoTime();
    Files.move(
        temporary, route, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> "green".equals(lastBackend.get()));
    long appliedMillis = (System.nanoTime() - changedAt) / 1_000_000;
    Thread.sleep(200);
    running.set(false);
    loop.join();
    System.out.printf(
        "route change served after %d ms; %d requests, %d failed%n",
        appliedMillis, requests.get(), failures.get());
    assertThat(failures.get()).isZero();
    assertThat(requests.get()).isGreaterThan(10);
  }

  @Test
  void missingBackendIsReportedAndAnswered500WhileOtherRoutesServe() throws Exception {
    Files.writeString(
        manifests.resolve("50-route-broken.yaml"),
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: broken
          namespace: default
        spec:
          parentRefs:
            - name: quickstart
          hostnames: [broken.example.com]
          rules:
            - backendRefs:
                - name: does-not-exist
                  port: 80
        """);
    runtime.reload();

    assertThat(get("broken.example.com", "/").statusCode()).isEqualTo(500);
    assertThat(backendOf(get("app.example.com", "/"))).isEqualTo("blue");

    assertThat(conditionOf(statusOf("HTTPRoute", "broken"), "ResolvedRefs"))
        .containsEntry("status", "False")
        .containsEntry("reason", "BackendNotFound")
        .containsEntry("observedGeneration", 1L);
    assertThat(conditionOf(statusOf("HTTPRoute", "broken"), "Accepted"))
        .containsEntry("status", "True");
    assertThat(conditionOf(statusOf("HTTPRoute", "app"), "ResolvedRefs"))
        .containsEntry("status", "True");
    assertThat(JSON.writeValueAsString(statusOf("Gateway", "quickstart")))
        .contains("\"type\":\"Programmed\"")
        .contains("127.0.0.1");
    assertThat(JSON.writeValueAsString(statusOf("GatewayClass", "lintel")))
        .contains("\"type\":\"Accepted\"");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> conditionOf(Map<String, Object> routeStatus, String type) {
    List<Map<String, Object>> parents = (List<Map<String, Object>>) routeStatus.get("parents");
    List<Map<String, Object>> conditions =
        (List<Map<String, Object>>) parents.get(0).get("conditions");
    return conditions.stream()
        .filter(condition -> type.equals(condition.get("type")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + routeStatus));
  }

  @Test
  void malformedManifestIsReportedAndTheOtherFilesKeepServing() throws Exception {
    Files.writeString(manifests.resolve("60-broken.yaml"), "apiVersion: v1\nkind: [unclosed\n");
    runtime.reload();
    assertThat(runtime.view().errors())
        .anySatisfy(error -> assertThat(error.source()).contains("60-broken.yaml"));
    assertThat(StandaloneViews.errorsJson(runtime.view())).contains("60-broken.yaml");
    assertThat(backendOf(get("app.example.com", "/"))).isEqualTo("blue");
  }

  @Test
  void generationGrowsWithSpecChangesOnly() throws Exception {
    assertThat(generationOf("HTTPRoute", "api")).isEqualTo(1);
    Path route = manifests.resolve("30-route-api.yaml");
    Files.writeString(route, Files.readString(route).replace("value: /v2", "value: /v3"));
    runtime.reload();
    assertThat(generationOf("HTTPRoute", "api")).isEqualTo(2);
    runtime.reload();
    assertThat(generationOf("HTTPRoute", "api")).isEqualTo(2);
    assertThat(conditionOf(statusOf("HTTPRoute", "api"), "Accepted"))
        .containsEntry("observedGeneration", 2L);
  }

  private long generationOf(String kind, String name) {
    return ((Number) metadataOf(kind, name).get("generation")).longValue();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> metadataOf(String kind, String name) {
    return (Map<String, Object>) objectOf(kind, name).get("metadata");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> statusOf(String kind, String name) {
    return (Map<String, Object>) objectOf(kind, name).get("status");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> objectOf(String kind, String name) {
    List<Map<String, Object>> objects = runtime.view().objects();
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")))
        .filter(o -> name.equals(((Map<String, Object>) o.get("metadata")).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + name + " not in /status"));
  }

  private HttpResponse<String> get(String host, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Host", host)
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String backendOf(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).get("name").asText();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
