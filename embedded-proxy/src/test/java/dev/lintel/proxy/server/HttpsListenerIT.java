package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.testing.Configs;
import dev.lintel.proxy.testing.H2Client;
import dev.lintel.proxy.testing.RawHttpClient;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TestCertificates.KeyFormat;
import dev.lintel.proxy.testing.TestCertificates.KeyType;
import dev.lintel.proxy.testing.TlsClient;
import dev.lintel.proxy.testing.TlsClient.Exchange;
import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.InMemoryCertificateSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTPS listeners end to end: real TLS clients that verify what they are shown, certificates issued
 * by a test authority, the certificate chosen by SNI, misdirected requests, rotation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpsListenerIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestCertificates CA = TestCertificates.authority("Lintel proxy test CA");
  private static final SSLContext TRUST = CA.clientContext();
  private static final int PORT = 8443;
  private static EchoServer echoA;
  private static EchoServer echoB;

  private final InMemoryCertificateSource certificates = new InMemoryCertificateSource();
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

  /**
   * Two Gateway listeners on one port: {@code *.example.com} (a wildcard certificate and one for
   * foo.example.com) served by echo a, and one without hostname (a certificate for other.org)
   * served by echo b.
   */
  private int startTwoListeners() throws Exception {
    certificates.put("certs/wildcard", CA.issue("*.example.com"));
    certificates.put("certs/foo", CA.issue(KeyType.EC, KeyFormat.TRADITIONAL, "foo.example.com"));
    certificates.put(
        "certs/fallback", CA.issue(KeyType.RSA, KeyFormat.TRADITIONAL, "other.org", "localhost"));
    return start(
        https(
            List.of(
                new TlsEntry("*.example.com", List.of("certs/wildcard", "certs/foo")),
                new TlsEntry(null, List.of("certs/fallback"))),
            vhost(List.of("*.example.com"), prefix("a", "/", backend("a", 1, local(echoA.port())))),
            vhost(List.of("*"), prefix("b", "/", backend("b", 1, local(echoB.port()))))));
  }

  private static ProxyConfig https(List<TlsEntry> tls, VirtualHost... hosts) {
    return config(new Listener("https", PORT, Protocol.HTTPS, List.of(hosts), tls));
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

  private static String backendOf(RawHttpClient.Response response) throws IOException {
    return JSON.readTree(response.body()).path("name").asText();
  }

  @Test
  void theSniSelectsTheListenerAndWithinItTheCertificateForTheName() throws Exception {
    int port = startTwoListeners();

    Exchange specific = TlsClient.get(TRUST, port, "foo.example.com", "foo.example.com", "/");
    assertThat(specific.dnsNames()).containsExactly("foo.example.com");
    assertThat(specific.response().status()).isEqualTo(200);
    assertThat(backendOf(specific.response())).isEqualTo("a");

    Exchange wildcard = TlsClient.get(TRUST, port, "bar.example.com", "bar.example.com", "/");
    assertThat(wildcard.dnsNames()).containsExactly("*.example.com");
    assertThat(backendOf(wildcard.response())).isEqualTo("a");

    Exchange other = TlsClient.get(TRUST, port, "other.org", "other.org", "/");
    assertThat(other.dnsNames()).contains("other.org");
    assertThat(backendOf(other.response())).isEqualTo("b");
  }

  @Test
  void aClientWithoutSniGetsTheListenerWithoutHostname() throws Exception {
    int port = startTwoListeners();
    try (TlsClient client = TlsClient.connect(TRUST, port, null)) {
      assertThat(client.dnsNames()).contains("other.org");
      assertThat(client.get("other.org", "/").status()).isEqualTo(200);
    }
  }

  @Test
  void offersTls13AndH2ThenHttp11ThroughAlpn() throws Exception {
    int port = startTwoListeners();
    try (TlsClient client = TlsClient.connect(TRUST, port, "other.org", "h2", "http/1.1")) {
      assertThat(client.protocol()).isEqualTo("TLSv1.3");
      assertThat(client.applicationProtocol()).isEqualTo("h2");
    }
    try (TlsClient client = TlsClient.connect(TRUST, port, "other.org", "http/1.1")) {
      assertThat(client.applicationProtocol()).isEqualTo("http/1.1");
      assertThat(client.get("other.org", "/").status()).isEqualTo(200);
    }
  }

  @Test
  void theUpstreamIsToldTheClientCameOverHttpsWhateverHttpVersion() throws Exception {
    int port = startTwoListeners();
    for (HttpClient.Version version : HttpClient.Version.values()) {
      HttpClient http = HttpClient.newBuilder().version(version).sslContext(TRUST).build();
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/hello")).build(),
              BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      // ALPN: h2 when the client offers it.
      assertThat(response.version()).isEqualTo(version);
      JsonNode echo = JSON.readTree(response.body());
      assertThat(echo.path("name").asText()).isEqualTo("b");
      assertThat(echo.path("headers").path("x-forwarded-proto").get(0).asText()).isEqualTo("https");
    }
  }

  @Test
  void misdirectedRequestsAreCaughtOnHttp2StreamsToo() throws Exception {
    int port = startTwoListeners();
    try (H2Client client = H2Client.connectTls(port, "foo.example.com", CA.certificatePem())) {
      assertThat(
              client.send(H2Client.get("bar.example.com", "/")).get(5, TimeUnit.SECONDS).status())
          .isEqualTo(200);
      assertThat(client.send(H2Client.get("other.org", "/")).get(5, TimeUnit.SECONDS).status())
          .isEqualTo(421);
      H2Client.Response echo =
          client.send(H2Client.get("foo.example.com", "/x")).get(5, TimeUnit.SECONDS);
      JsonNode seen = JSON.readTree(echo.bodyText());
      assertThat(seen.path("name").asText()).isEqualTo("a");
      assertThat(seen.path("headers").path("x-forwarded-proto").get(0).asText()).isEqualTo("https");
      assertThat(seen.path("headers").path("x-forwarded-for").get(0).asText())
          .isEqualTo("127.0.0.1");
    }
  }

  @Test
  void aHostOfAnotherListenerThanTheSniChoseIsMisdirected() throws Exception {
    int port = startTwoListeners();
    // Each listener on its own connection serves its hosts...
    assertThat(TlsClient.get(TRUST, port, "foo.example.com", "bar.example.com", "/").response())
        .extracting(RawHttpClient.Response::status)
        .isEqualTo(200);
    // ...but never the other listener's, even where a route would match (RFC 9110 421)...
    assertThat(TlsClient.get(TRUST, port, "foo.example.com", "other.org", "/").response().status())
        .isEqualTo(421);
    // ...and the listener without hostname has no route for another listener's host.
    assertThat(TlsClient.get(TRUST, port, "other.org", "foo.example.com", "/").response().status())
        .isEqualTo(404);
  }

  @Test
  void aHostOfNoListenerIsNotFound() throws Exception {
    certificates.put("certs/wildcard", CA.issue("*.example.com"));
    certificates.put("certs/shop", CA.issue("shop.org"));
    int port =
        start(
            https(
                List.of(
                    new TlsEntry("*.example.com", List.of("certs/wildcard")),
                    new TlsEntry("shop.org", List.of("certs/shop"))),
                vhost(
                    List.of("*.example.com"),
                    prefix("a", "/", backend("a", 1, local(echoA.port())))),
                vhost(
                    List.of("shop.org"), prefix("b", "/", backend("b", 1, local(echoB.port()))))));
    assertThat(TlsClient.get(TRUST, port, "shop.org", "shop.org", "/").response().status())
        .isEqualTo(200);
    assertThat(TlsClient.get(TRUST, port, "shop.org", "unknown.net", "/").response().status())
        .isEqualTo(404);
    assertThat(TlsClient.get(TRUST, port, "shop.org", "a.example.com", "/").response().status())
        .isEqualTo(421);
  }

  @Test
  void oneListenerServesAnyHostOfItsOwnWithout421() throws Exception {
    certificates.put("certs/fallback", CA.issue("example.org"));
    int port =
        start(
            https(
                List.of(new TlsEntry(null, List.of("certs/fallback"))),
                vhost(
                    List.of("example.org"),
                    prefix("a", "/", backend("a", 1, local(echoA.port()))))));
    // The upstream HTTPRouteHTTPSListener case: an SNI of one name, a Host without route: 404.
    assertThat(TlsClient.get(TRUST, port, "example.org", "second.org", "/").response().status())
        .isEqualTo(404);
    assertThat(TlsClient.get(TRUST, port, "example.org", "example.org", "/").response().status())
        .isEqualTo(200);
  }

  @Test
  void aListenerWhoseCertificateIsMissingRefusesHandshakesWhileTheOthersServe() throws Exception {
    certificates.put("certs/fallback", CA.issue("other.org"));
    int port =
        start(
            https(
                List.of(
                    new TlsEntry("*.example.com", List.of("certs/not-there")),
                    new TlsEntry(null, List.of("certs/fallback"))),
                vhost(List.of("*"), prefix("b", "/", backend("b", 1, local(echoB.port()))))));
    assertThatThrownBy(() -> TlsClient.get(TRUST, port, "a.example.com", "a.example.com", "/"))
        .isInstanceOf(IOException.class);
    assertThat(TlsClient.get(TRUST, port, "other.org", "other.org", "/").response().status())
        .isEqualTo(200);

    // Material that appears later is served from the next handshake on.
    certificates.put("certs/not-there", CA.issue("*.example.com"));
    assertThat(TlsClient.get(TRUST, port, "a.example.com", "a.example.com", "/").dnsNames())
        .containsExactly("*.example.com");
  }

  @Test
  void materialThatDoesNotLoadNeverReplacesAGoodCertificate() throws Exception {
    int port = startTwoListeners();
    String before = TlsClient.get(TRUST, port, "foo.example.com", "foo.example.com", "/").serial();

    certificates.put("certs/foo", new CertificatePem("Hello world\n", "Hello world\n"));
    CertificatePem other = CA.issue("foo.example.com");
    CertificatePem mismatched = CA.issue("foo.example.com");
    certificates.put(
        "certs/foo", new CertificatePem(other.certificateChain(), mismatched.privateKey()));

    Exchange after = TlsClient.get(TRUST, port, "foo.example.com", "foo.example.com", "/");
    assertThat(after.serial()).isEqualTo(before);
    assertThat(after.response().status()).isEqualTo(200);
  }

  @Test
  void aRotatedCertificateServesNewHandshakesWithoutFailingARequest() throws Exception {
    int port = startTwoListeners();
    String before = TlsClient.get(TRUST, port, "foo.example.com", "foo.example.com", "/").serial();
    // A connection opened before the change keeps its session and keeps working.
    try (TlsClient open = TlsClient.connect(TRUST, port, "foo.example.com")) {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger requests = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      AtomicReference<String> lastSerial = new AtomicReference<>(before);
      Thread load =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    Exchange exchange =
                        TlsClient.get(TRUST, port, "foo.example.com", "foo.example.com", "/");
                    if (exchange.response().status() != 200) {
                      failures.incrementAndGet();
                    }
                    lastSerial.set(exchange.serial());
                  } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                  }
                  requests.incrementAndGet();
                }
              });
      load.start();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() >= 20);
        CertificatePem rotated = CA.issue(KeyType.EC, KeyFormat.PKCS8, "foo.example.com");
        long changedAt = System.nanoTime();
        certificates.put("certs/foo", rotated);
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> !lastSerial.get().equals(before));
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt))
            .isLessThan(Duration.ofSeconds(5));
        int seen = requests.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() >= seen + 20);
      } finally {
        running.set(false);
        load.join();
      }
      assertThat(failures.get()).isZero();
      assertThat(open.get("foo.example.com", "/").status()).isEqualTo(200);
      assertThat(open.serial()).isEqualTo(before);
    }
  }

  @Test
  void aListenerThatTurnsHttpsKeepsItsPortAndSpeaksTlsFromTheNextConnection() throws Exception {
    certificates.put("certs/fallback", CA.issue("other.org"));
    VirtualHost any = vhost(List.of("*"), prefix("b", "/", backend("b", 1, local(echoB.port()))));
    int port = start(config(Configs.listener(PORT, any)));
    assertThat(RawHttpClient.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status())
        .isEqualTo(200);

    proxy.apply(https(List.of(new TlsEntry(null, List.of("certs/fallback"))), any));
    assertThat(proxy.boundPorts().get(PORT)).isEqualTo(port);
    assertThat(TlsClient.get(TRUST, port, "other.org", "other.org", "/").response().status())
        .isEqualTo(200);
    assertThatThrownBy(
            () ->
                RawHttpClient.exchange(
                    port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .isInstanceOf(IOException.class);
  }
}
