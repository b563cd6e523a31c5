package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.testing.RawHttpClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Config swaps under traffic, listener changes, and the no-op and failure paths of apply. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyReloadIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EchoServer echoA;
  private static EchoServer echoB;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
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
    proxy.close();
  }

  private ProxyServer newProxy() {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(2)
                .withMeterRegistry(registry));
    return proxy;
  }

  private static ProxyConfig onlyA() {
    return config(listener(8080, anyHost(prefix("a", "/", backend("a", 1, local(echoA.port()))))));
  }

  private static ProxyConfig aAndNewB() {
    return config(
        listener(
            8080,
            anyHost(
                prefix("a", "/", backend("a", 1, local(echoA.port()))),
                prefix("b", "/new", backend("b", 1, local(echoB.port()))))));
  }

  private static String backendName(RawHttpClient.Response response) throws IOException {
    return JSON.readTree(response.body()).get("name").asText();
  }

  @Test
  void swapsTablesUnderLoadWithoutFailingARequest() throws Exception {
    newProxy().apply(onlyA());
    int port = proxy.boundPorts().get(8080);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    List<Thread> clients = new java.util.ArrayList<>();
    for (int c = 0; c < 2; c++) {
      Thread client =
          new Thread(
              () -> {
                try (RawHttpClient http = new RawHttpClient(port)) {
                  while (running.get()) {
                    http.get("h", "/new/x");
                    RawHttpClient.Response response = http.read();
                    if (response.status() != 200) {
                      failures.add("status " + response.status());
                    }
                    served.incrementAndGet();
                  }
                } catch (IOException e) {
                  failures.add(e.toString());
                }
              });
      client.start();
      clients.add(client);
    }
    while (served.get() < 50) {
      Thread.onSpinWait();
    }
    for (int i = 0; i < 10; i++) {
      proxy.apply(i % 2 == 0 ? aAndNewB() : onlyA());
    }
    proxy.apply(aAndNewB());
    // Right after apply returns, a new connection is routed by the new tables.
    assertThat(backendName(RawHttpClient.exchange(port, "GET /new/y HTTP/1.1\r\nHost: h\r\n\r\n")))
        .isEqualTo("b");
    int before = served.get();
    while (served.get() < before + 50) {
      Thread.onSpinWait();
    }
    running.set(false);
    for (Thread client : clients) {
      client.join(5000);
    }
    assertThat(failures).isEmpty();
    assertThat(proxy.boundPorts().get(8080)).isEqualTo(port);
    assertThat(registry.get(ProxyMetrics.CONFIG_RELOADS).tag("result", "success").counter().count())
        .isEqualTo(12);
  }

  @Test
  void identicalConfigIsANoOp() throws Exception {
    newProxy().apply(onlyA());
    long generation = proxy.configGeneration();
    proxy.apply(onlyA()); // equal, not the same instance
    assertThat(proxy.configGeneration()).isEqualTo(generation);
    proxy.apply(aAndNewB());
    assertThat(proxy.configGeneration()).isEqualTo(generation + 1);
  }

  @Test
  void bindsAddedListenersAndUnbindsRemovedOnes() throws Exception {
    newProxy();
    assertThat(proxy.isReady()).isFalse();
    assertThat(proxy.currentConfig()).isNull();
    proxy.apply(onlyA());
    assertThat(proxy.isReady()).isTrue();
    int port8080 = proxy.boundPorts().get(8080);
    ProxyConfig both =
        config(
            listener(8080, anyHost(prefix("a", "/", backend("a", 1, local(echoA.port()))))),
            listener(9090, anyHost(prefix("b", "/", backend("b", 1, local(echoB.port()))))));
    proxy.apply(both);
    assertThat(proxy.boundPorts()).containsOnlyKeys(8080, 9090).containsEntry(8080, port8080);
    int port9090 = proxy.boundPorts().get(9090);
    assertThat(backendName(RawHttpClient.exchange(port9090, "GET / HTTP/1.1\r\nHost: h\r\n\r\n")))
        .isEqualTo("b");

    proxy.apply(
        config(listener(9090, anyHost(prefix("b", "/", backend("b", 1, local(echoB.port())))))));
    assertThat(proxy.boundPorts()).containsOnlyKeys(9090).containsEntry(9090, port9090);
    assertThatThrownBy(() -> RawHttpClient.exchange(port8080, "GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void failedBindKeepsThePreviousConfigInForce() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
      int takenPort = taken.getLocalPort();
      proxy =
          new ProxyServer(
              ProxyOptions.defaults()
                  .withBindAddress(LOOPBACK)
                  .withPortMapping(p -> p == 9090 ? takenPort : 0)
                  .withEventLoopThreads(1)
                  .withMeterRegistry(registry));
      proxy.apply(onlyA());
      int port = proxy.boundPorts().get(8080);
      ProxyConfig broken =
          config(
              listener(8080, anyHost(prefix("b", "/", backend("b", 1, local(echoB.port()))))),
              listener(9090, anyHost(prefix("b", "/", backend("b", 1, local(echoB.port()))))));
      assertThatThrownBy(() -> proxy.apply(broken))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("9090");
      assertThat(proxy.currentConfig()).isEqualTo(onlyA());
      assertThat(proxy.boundPorts()).containsOnlyKeys(8080);
      assertThat(backendName(RawHttpClient.exchange(port, "GET / HTTP/1.1\r\nHost: h\r\n\r\n")))
          .isEqualTo("a");
      assertThat(
              registry.get(ProxyMetrics.CONFIG_RELOADS).tag("result", "failure").counter().count())
          .isEqualTo(1);
    }
  }
}
