package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.rejected;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.config.TlsListener;
import dev.lintel.proxy.config.TlsMode;
import dev.lintel.proxy.config.TlsRoute;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TlsClient;
import dev.lintel.proxy.testing.TlsEchoClient;
import dev.lintel.proxy.testing.TlsEchoServer;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.InMemoryCertificateSource;
import java.io.IOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS listeners end to end: TLSRoutes chosen by SNI, connections relayed to real TLS backends whose
 * own certificates the clients verify (so the proxy did not terminate), terminating listeners in
 * front of clear-text backends or of TLS backends it speaks TLS to (BackendTLSPolicy), and an HTTPS
 * listener sharing the port with a passthrough one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsRouteIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int PORT = 8443;

  /** Issues the backends' certificates: only a client that trusts it can talk to a backend. */
  private static final TestCertificates BACKEND_CA = TestCertificates.authority("backend CA");

  /** Issues the proxy's own certificates (terminating and HTTPS listeners). */
  private static final TestCertificates PROXY_CA = TestCertificates.authority("proxy CA");

  private static final SSLContext TRUST_BACKENDS = BACKEND_CA.clientContext();
  private static final SSLContext TRUST_PROXY = PROXY_CA.clientContext();

  private static TlsEchoServer backendA;
  private static TlsEchoServer backendB;
  private static TlsEchoServer plain;
  private static EchoServer http;

  private final InMemoryCertificateSource certificates = new InMemoryCertificateSource();
  private ProxyServer proxy;

  @BeforeAll
  static void startBackends() throws IOException {
    backendA = TlsEchoServer.tls("a", BACKEND_CA.issue("a.example.com", "*.example.com"));
    backendB = TlsEchoServer.tls("b", BACKEND_CA.issue("b.example.com", "*.example.com"));
    plain = TlsEchoServer.plain("plain");
    http = new EchoServer(LOOPBACK, 0, "http");
    http.start();
  }

  @AfterAll
  static void stopBackends() {
    backendA.close();
    backendB.close();
    plain.close();
    http.close();
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void passthroughPicksTheRouteBySniAndNeverTerminates() throws Exception {
    int port =
        start(
            tlsPort(
                passthrough(
                    null,
                    route("exact", List.of("a.example.com"), to("a", backendA)),
                    route("wildcard", List.of("*.example.com"), to("b", backendB)))));

    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKENDS, port, "a.example.com")) {
      assertThat(client.greeting()).isEqualTo("a");
      assertThat(client.dnsNames()).startsWith("a.example.com");
    }
    // The exact name wins over the wildcard; any other name under it goes to the wildcard's route.
    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKENDS, port, "x.example.com")) {
      assertThat(client.greeting()).isEqualTo("b");
      assertThat(client.dnsNames()).startsWith("b.example.com");
    }
  }

  @Test
  void noSniOrAnUnknownOneIsClosed() throws Exception {
    int port =
        start(tlsPort(passthrough(null, route("a", List.of("a.example.com"), to("a", backendA)))));
    int before = backendA.connections();

    assertThatThrownBy(() -> TlsEchoClient.connect(TRUST_BACKENDS, port, "other.org"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> TlsEchoClient.connect(TRUST_BACKENDS, port, null))
        .isInstanceOf(IOException.class);
    assertThat(backendA.connections()).isEqualTo(before);
  }

  @Test
  void aRejectedBackendClosesTheConnection() throws Exception {
    int port =
        start(
            tlsPort(
                passthrough(
                    null,
                    route("gone", List.of("a.example.com"), rejected("gone", 1, "missing")))));

    assertThatThrownBy(() -> TlsEchoClient.connect(TRUST_BACKENDS, port, "a.example.com"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void largeTransfersGoBothWaysAtOnce() throws Exception {
    int port =
        start(tlsPort(passthrough(null, route("a", List.of("a.example.com"), to("a", backendA)))));
    byte[] payload = new byte[8 * 1024 * 1024];
    new Random(42).nextBytes(payload);

    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKENDS, port, "a.example.com")) {
      assertThat(client.greeting()).isEqualTo("a");
      // Sending all before reading would deadlock once both directions' buffers are full: the
      // relay's backpressure has to hold, not lose or reorder bytes.
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (int offset = 0; offset < payload.length; offset += 100_000) {
                    int length = Math.min(100_000, payload.length - offset);
                    client.send(java.util.Arrays.copyOfRange(payload, offset, offset + length));
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      byte[] echoed = client.read(payload.length);
      sending.get(30, TimeUnit.SECONDS);
      assertThat(sha256(echoed)).isEqualTo(sha256(payload));
      assertThat(client.finish()).isEqualTo("bye " + payload.length + "\n");
    }
  }

  @Test
  void aHalfCloseStillGetsTheAnswer() throws Exception {
    int port =
        start(tlsPort(passthrough(null, route("a", List.of("a.example.com"), to("a", backendA)))));

    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKENDS, port, "a.example.com")) {
      assertThat(client.greeting()).isEqualTo("a");
      client.send("hello".getBytes());
      // The client's end of stream reaches the backend, whose answer after it still comes back.
      assertThat(client.finish()).isEqualTo("hellobye 5\n");
    }
  }

  @Test
  void aReloadAppliesToNewConnectionsWhileOpenRelaysKeepRunning() throws Exception {
    int port =
        start(tlsPort(passthrough(null, route("a", List.of("a.example.com"), to("a", backendA)))));

    try (TlsEchoClient open = TlsEchoClient.connect(TRUST_BACKENDS, port, "a.example.com")) {
      assertThat(open.greeting()).isEqualTo("a");
      proxy.apply(
          tlsPort(passthrough(null, route("b", List.of("a.example.com"), to("b", backendB)))));

      try (TlsEchoClient fresh = TlsEchoClient.connect(TRUST_BACKENDS, port, "a.example.com")) {
        assertThat(fresh.greeting()).isEqualTo("b");
      }
      open.send("still here".getBytes());
      assertThat(new String(open.read(10))).isEqualTo("still here");
    }
  }

  @Test
  void aTerminatingListenerRelaysThePlainBytes() throws Exception {
    certificates.put("certs/mqtt", PROXY_CA.issue("mqtt.example.com"));
    int port =
        start(
            tlsPort(
                new TlsListener(
                    "mqtt.example.com",
                    TlsMode.Terminate,
                    List.of("certs/mqtt"),
                    List.of(route("mqtt", List.of("mqtt.example.com"), to("plain", plain))))));

    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_PROXY, port, "mqtt.example.com")) {
      // The proxy's certificate, and the clear-text backend behind it.
      assertThat(client.dnsNames()).containsExactly("mqtt.example.com");
      assertThat(client.greeting()).isEqualTo("plain");
      client.send("ping".getBytes());
      assertThat(new String(client.read(4))).isEqualTo("ping");
    }
  }

  @Test
  void aTerminatingListenerSpeaksTlsToABackendAsItsPolicySays() throws Exception {
    int port =
        startTerminating(to("a", backendA).withTls(trusting("cas/backend", "a.example.com")));
    byte[] payload = new byte[2 * 1024 * 1024];
    new Random(7).nextBytes(payload);

    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_PROXY, port, "mqtt.example.com")) {
      // The client's TLS ends at the proxy (its certificate); the backend, which trusts no one
      // but speaks TLS only, answers through a second session that carries the policy's SNI.
      assertThat(client.dnsNames()).containsExactly("mqtt.example.com");
      assertThat(client.greeting()).isEqualTo("a");
      assertThat(backendA.lastServerName()).isEqualTo("a.example.com");
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  client.send(payload);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      byte[] echoed = client.read(payload.length);
      sending.get(30, TimeUnit.SECONDS);
      assertThat(sha256(echoed)).isEqualTo(sha256(payload));
    }
  }

  @Test
  void aBackendCertificateThePolicyDoesNotTrustClosesTheConnection() throws Exception {
    // Of another authority, and for another name: neither handshake completes.
    for (BackendTls tls :
        List.of(trusting("cas/proxy", "a.example.com"), trusting("cas/backend", "a.example.org"))) {
      int port = startTerminating(to("a", backendA).withTls(tls));
      try (TlsEchoClient client = TlsEchoClient.connect(TRUST_PROXY, port, "mqtt.example.com")) {
        assertThatThrownBy(client::greeting).as("%s", tls).isInstanceOf(IOException.class);
      }
      proxy.close();
      proxy = null;
    }
  }

  @Test
  void aBackendWhoseBundleIsNotLoadedClosesTheConnection() throws Exception {
    int port =
        startTerminating(to("a", backendA).withTls(trusting("cas/missing", "a.example.com")));
    int before = backendA.connections();

    // Closed as soon as the SNI chose the route: nothing could trust the backend.
    assertThatThrownBy(
            () -> {
              try (TlsEchoClient client =
                  TlsEchoClient.connect(TRUST_PROXY, port, "mqtt.example.com")) {
                client.greeting();
              }
            })
        .isInstanceOf(IOException.class);
    // Never tried in clear text instead.
    assertThat(backendA.connections()).isEqualTo(before);
  }

  @Test
  void theSniChoosesBetweenHttpsAndPassthroughOnOnePort() throws Exception {
    certificates.put("certs/wildcard", PROXY_CA.issue("*.example.com"));
    int port =
        start(
            config(
                new Listener(
                    "shared",
                    PORT,
                    Protocol.HTTPS,
                    List.of(
                        vhost(
                            List.of("*.example.com"),
                            prefix("web", "/", backend("http", 1, local(http.port()))))),
                    List.of(new TlsEntry("*.example.com", List.of("certs/wildcard"))),
                    null,
                    List.of(
                        passthrough(
                            "abc.example.com",
                            route("abc", List.of("abc.example.com"), to("a", backendA)))))));

    // The more specific listener is the passthrough one: the backend's certificate.
    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKENDS, port, "abc.example.com")) {
      assertThat(client.greeting()).isEqualTo("a");
    }
    // Any other name under the wildcard is terminated by the proxy and served as HTTP.
    TlsClient.Exchange exchange =
        TlsClient.get(TRUST_PROXY, port, "other.example.com", "other.example.com", "/");
    assertThat(exchange.response().status()).isEqualTo(200);
    assertThat(exchange.dnsNames()).containsExactly("*.example.com");
  }

  private int start(ProxyConfig config) throws Exception {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1),
            certificates);
    proxy.apply(config);
    return proxy.boundPorts().get(PORT);
  }

  /** A terminating listener for mqtt.example.com whose one route goes to {@code backend}. */
  private int startTerminating(Backend backend) throws Exception {
    certificates.put("certs/mqtt", PROXY_CA.issue("mqtt.example.com"));
    certificates.putCaBundle("cas/backend", new CaBundlePem(BACKEND_CA.certificatePem()));
    certificates.putCaBundle("cas/proxy", new CaBundlePem(PROXY_CA.certificatePem()));
    return start(
        tlsPort(
            new TlsListener(
                "mqtt.example.com",
                TlsMode.Terminate,
                List.of("certs/mqtt"),
                List.of(route("mqtt", List.of("mqtt.example.com"), backend)))));
  }

  private static BackendTls trusting(String bundle, String serverName) {
    return new BackendTls(serverName, List.of(bundle), null, List.of(), null);
  }

  private static ProxyConfig tlsPort(TlsListener... listeners) {
    return config(
        new Listener("tls", PORT, Protocol.TLS, List.of(), List.of(), null, List.of(listeners)));
  }

  private static TlsListener passthrough(String hostname, TlsRoute... routes) {
    return new TlsListener(hostname, TlsMode.Passthrough, List.of(), List.of(routes));
  }

  private static TlsRoute route(String name, List<String> hostnames, Backend... backends) {
    return new TlsRoute(name, hostnames, List.of(backends));
  }

  private static Backend to(String name, TlsEchoServer server) {
    return backend(name, 1, local(server.port()));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
