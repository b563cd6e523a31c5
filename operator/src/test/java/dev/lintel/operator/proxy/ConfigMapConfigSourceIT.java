package dev.lintel.operator.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.server.ConfigReloader;
import dev.lintel.proxy.server.ProxyOptions;
import dev.lintel.proxy.server.ProxyServer;
import dev.lintel.templates.ConfigRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real proxy fed from a ConfigMap on the mock API server, with a real echo backend: ConfigMap
 * updates change the routes the proxy serves, bad ones keep the last good config.
 */
@EnableKubernetesMockClient(crud = true)
class ConfigMapConfigSourceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ConfigMapRef REF = new ConfigMapRef("apps", "lintel-web");

  KubernetesClient client;

  private EchoServer echo;
  private ProxyServer proxy;
  private ConfigMapConfigSource source;

  @BeforeEach
  void start() throws Exception {
    echo = new EchoServer(InetAddress.getLoopbackAddress(), 0, "echo");
    echo.start();
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(InetAddress.getLoopbackAddress())
                .withPortMapping(port -> 0)
                .withEventLoopThreads(1));
    source = new ConfigMapConfigSource(client, REF, new ConfigReloader(proxy, new ConfigParser()));
  }

  @AfterEach
  void stop() {
    source.close();
    proxy.close();
    echo.close();
  }

  @Test
  void followsTheConfigMapAndKeepsTheLastGoodConfig() throws Exception {
    client.resource(plain(configText("/a"))).create();
    source.start();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("/a/x")).isEqualTo(200));
    assertThat(get("/b/x")).isEqualTo(404);

    // A large config arrives gzipped in binaryData.
    client.resource(gzipped(configText("/b"))).update();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("/b/x")).isEqualTo(200));
    assertThat(get("/a/x")).isEqualTo(404);
    assertThat(source.applied()).isEqualTo(2);

    // Another ConfigMap of the namespace is none of the proxy's business.
    client.resource(named("other", configText("/other"))).create();

    // An invalid config is rejected once; the last good one keeps serving.
    client.resource(plain("version: 1\ngateway: apps/web\nlisteners: [{}]\n")).update();
    await().atMost(TIMEOUT).until(() -> source.failures() == 1);
    assertThat(get("/b/x")).isEqualTo(200);

    // Back to the good text (now plain), then an update that leaves the text alone: applied once.
    client.resource(plain(configText("/b"))).update();
    await().atMost(TIMEOUT).until(() -> source.applied() == 3);
    ConfigMap relabelled = plain(configText("/b"));
    relabelled.getMetadata().setLabels(Map.of("touched", "yes"));
    client.resource(relabelled).update();
    client.resource(plain(configText("/c"))).update();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("/c/x")).isEqualTo(200));
    assertThat(source.applied()).isEqualTo(4);
    assertThat(source.failures()).isEqualTo(1);
    assertThat(get("/other/x")).isEqualTo(404);
  }

  @Test
  void bootsFromTheMountedCopy(@TempDir Path mount) throws Exception {
    Files.write(mount.resolve("config.yaml.gz"), gzip(configText("/boot")));
    source.loadMounted(mount);
    assertThat(get("/boot/x")).isEqualTo(200);
    assertThat(source.applied()).isEqualTo(1);
  }

  private int get(String path) throws IOException, InterruptedException {
    int port = proxy.boundPorts().get(80);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    // A new connection per check keeps these tests about config delivery, not keep-alive handling
    // (a pooled connection was seen to hang on the request after a local 404).
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String configText(String prefix) throws Exception {
    Backend backend =
        new Backend("apps/echo:80", 1, List.of(new Endpoint("127.0.0.1", echo.port())), null);
    Route route =
        new Route(
            "apps/app/0/0",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, prefix)),
            List.of(backend));
    VirtualHost host = new VirtualHost("any", List.of("*"), List.of(route));
    Listener listener = new Listener("http-80", 80, Protocol.HTTP, List.of(host));
    return new ConfigRenderer().render(new ProxyConfig(1, "apps/web", List.of(listener)));
  }

  private static ConfigMap plain(String text) {
    return named(REF.name(), text);
  }

  private static ConfigMap named(String name, String text) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(REF.namespace())
        .withName(name)
        .endMetadata()
        .addToData("config.yaml", text)
        .build();
  }

  private static ConfigMap gzipped(String text) throws IOException {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(REF.namespace())
        .withName(REF.name())
        .endMetadata()
        .addToBinaryData("config.yaml.gz", Base64.getEncoder().encodeToString(gzip(text)))
        .build();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
