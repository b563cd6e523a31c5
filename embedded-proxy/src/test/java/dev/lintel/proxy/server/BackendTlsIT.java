package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.ClientValidationMode;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.SubjectAltName;
import dev.lintel.proxy.config.SubjectAltNameType;
import dev.lintel.proxy.config.WellKnownCaCertificates;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.testing.H2Client;
import dev.lintel.proxy.testing.RawHttpClient;
import dev.lintel.proxy.testing.RawHttpClient.Response;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.ClientTrust;
import dev.lintel.proxy.tls.InMemoryCertificateSource;
import dev.lintel.proxy.tls.ServerCertificate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS from the proxy to backends (BackendTLSPolicy) against real TLS echo servers: the backend's
 * certificate checked against CA bundles, the server name sent as SNI and checked (or subject
 * alternative names instead), the Gateway's client certificate presented to a backend that asks for
 * one, handshake failures answered 502, connections of different TLS settings never shared, and a
 * rotated CA bundle used by the next connection. HTTP/2 backends (a GRPCRoute's) get the same TLS
 * with {@code h2} offered by ALPN, or HTTP/2 with prior knowledge when the backend chooses no
 * protocol.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackendTlsIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestCertificates BACKEND_CA = TestCertificates.authority("Backend CA");
  private static final TestCertificates OTHER_CA = TestCertificates.authority("Other CA");
  private static final TestCertificates CLIENT_CA = TestCertificates.authority("Gateway client CA");
  private static final String SERVER_NAME = "backend.example.com";
  private static final String SPIFFE_ID = "spiffe://example.com/backend";
  private static final CertificatePem GATEWAY_CLIENT = CLIENT_CA.issue("gateway-client");
  private static final int PORT = 8080;

  /**
   * A TLS echo server for {@link #SERVER_NAME} and {@link #SPIFFE_ID}; it offers {@code h2} and
   * {@code http/1.1} by ALPN, as the proxy's HTTPS listeners do, and speaks HTTP/2 when chosen.
   */
  private static EchoServer echo;

  /** The same, taking part in no ALPN: an HTTP/2 client must use prior knowledge. */
  private static EchoServer echoWithoutAlpn;

  /** The same, but it refuses clients without a certificate of {@link #CLIENT_CA}. */
  private static EchoServer echoRequiringClient;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryCertificateSource material = new InMemoryCertificateSource();
  private ProxyServer proxy;

  @BeforeAll
  static void startBackends() throws Exception {
    ServerCertificate served =
        ServerCertificate.load("echo", BACKEND_CA.issue(SERVER_NAME, SPIFFE_ID));
    echo = new EchoServer(LOOPBACK, 0, "tls-echo", served.context());
    echo.start();
    JdkSslContext withoutAlpn =
        new JdkSslContext(
            TestCertificates.serverContext(served.pem()),
            false,
            null,
            IdentityCipherSuiteFilter.INSTANCE,
            ApplicationProtocolConfig.DISABLED,
            ClientAuth.NONE,
            null,
            false);
    echoWithoutAlpn = new EchoServer(LOOPBACK, 0, "tls-echo-no-alpn", withoutAlpn);
    echoWithoutAlpn.start();
    SslContext requiring =
        served.contextFor(
            new ClientTrust(
                ClientTrust.load(new CaBundlePem(CLIENT_CA.certificatePem())),
                ClientValidationMode.AllowValidOnly));
    echoRequiringClient = new EchoServer(LOOPBACK, 0, "tls-echo-client-auth", requiring);
    echoRequiringClient.start();
  }

  @AfterAll
  static void stopBackends() {
    echo.close();
    echoRequiringClient.close();
    echoWithoutAlpn.close();
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private int start(Route... routes) throws Exception {
    material.putCaBundle("cas/backend", new CaBundlePem(BACKEND_CA.certificatePem()));
    material.putCaBundle("cas/other", new CaBundlePem(OTHER_CA.certificatePem()));
    material.put("certs/gateway-client", GATEWAY_CLIENT);
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1)
                .withMeterRegistry(registry),
            material);
    proxy.apply(config(listener(PORT, vhost(List.of("*"), routes))));
    return proxy.boundPorts().get(PORT);
  }

  private static Route route(String path, EchoServer server, BackendTls tls) {
    Backend backend = backend(path, 1, local(server.port())).withTls(tls);
    return prefix(path, path, backend);
  }

  /** An HTTP/2 backend (as a GRPCRoute's are) under {@code path}, reached over {@code tls}. */
  private static Route h2Route(String path, EchoServer server, BackendTls tls) {
    Backend backend =
        backend(path, 1, local(server.port())).withProtocol(BackendProtocol.H2C).withTls(tls);
    return prefix(path, path, backend);
  }

  private static BackendTls trusting(String bundle, String serverName, SubjectAltName... names) {
    return new BackendTls(serverName, List.of(bundle), null, List.of(names), null);
  }

  private static Response get(int port, String path) throws IOException {
    return RawHttpClient.exchange(
        port, "GET " + path + " HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
  }

  private static JsonNode tlsSeenBy(Response response) throws IOException {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return JSON.readTree(response.body()).path("tls");
  }

  /** A gRPC-shaped call from an HTTP/2 client, whose response trailers the echo sets. */
  private static H2Client.Response grpcCall(int port) throws Exception {
    try (H2Client client = H2Client.connect(port)) {
      Http2Headers request = H2Client.grpcCall("example.com", "/grpc.Echo/Say");
      return client
          .send(request, "hello".getBytes(StandardCharsets.UTF_8), new DefaultHttp2Headers())
          .get(10, TimeUnit.SECONDS);
    }
  }

  private double tlsFailures() {
    return registry.find(ProxyMetrics.UPSTREAM_ERRORS).tag("reason", "connect").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  @Test
  void backendWithTrustedCertificateForTheServerNameAnswersOverTls() throws Exception {
    int port = start(route("/", echo, trusting("cas/backend", SERVER_NAME)));

    JsonNode tls = tlsSeenBy(get(port, "/"));

    assertThat(tls.path("serverName").asText()).isEqualTo(SERVER_NAME);
    assertThat(tls.path("clientCertificate").isNull()).isTrue();
  }

  @Test
  void certificateOfAnotherAuthorityIsAnswered502() throws Exception {
    int port = start(route("/", echo, trusting("cas/other", SERVER_NAME)));

    assertThat(get(port, "/").status()).isEqualTo(502);
    assertThat(tlsFailures()).isEqualTo(1);
  }

  @Test
  void theJvmTrustStoreDoesNotTrustAPrivateAuthority() throws Exception {
    BackendTls system =
        new BackendTls(SERVER_NAME, List.of(), WellKnownCaCertificates.System, List.of(), null);
    int port = start(route("/", echo, system));

    assertThat(get(port, "/").status()).isEqualTo(502);
  }

  @Test
  void aTlsBackendThatSpeaksClearTextIsNeverSentTheRequest() throws Exception {
    try (EchoServer clear = new EchoServer(LOOPBACK, 0, "clear-text")) {
      clear.start();
      int port = start(route("/", clear, trusting("cas/backend", SERVER_NAME)));

      assertThat(get(port, "/").status()).isEqualTo(502);
      assertThat(clear.requestsServed()).isZero();
    }
  }

  @Test
  void certificateForAnotherServerNameIsAnswered502() throws Exception {
    int port = start(route("/", echo, trusting("cas/backend", "other.example.com")));

    assertThat(get(port, "/").status()).isEqualTo(502);
  }

  @Test
  void subjectAltNamesReplaceTheServerNameCheck() throws Exception {
    int port =
        start(
            route(
                "/dns",
                echo,
                trusting(
                    "cas/backend",
                    "sni.example.com",
                    new SubjectAltName(SubjectAltNameType.Hostname, "*.example.com"))),
            route(
                "/uri",
                echo,
                trusting(
                    "cas/backend",
                    "sni.example.com",
                    new SubjectAltName(SubjectAltNameType.URI, SPIFFE_ID))),
            route(
                "/uri-mismatch",
                echo,
                trusting(
                    "cas/backend",
                    SERVER_NAME,
                    new SubjectAltName(SubjectAltNameType.URI, "spiffe://example.com/other"))),
            route(
                "/dns-mismatch",
                echo,
                trusting(
                    "cas/backend",
                    SERVER_NAME,
                    new SubjectAltName(SubjectAltNameType.Hostname, "other.example.com"))));

    assertThat(tlsSeenBy(get(port, "/dns")).path("serverName").asText())
        .isEqualTo("sni.example.com");
    assertThat(tlsSeenBy(get(port, "/uri")).path("serverName").asText())
        .isEqualTo("sni.example.com");
    // The server name alone would pass; the names asked for are not on the certificate.
    assertThat(get(port, "/uri-mismatch").status()).isEqualTo(502);
    assertThat(get(port, "/dns-mismatch").status()).isEqualTo(502);
  }

  @Test
  void gatewayClientCertificateIsPresentedToABackendThatRequiresOne() throws Exception {
    BackendTls withClient =
        new BackendTls(
            SERVER_NAME, List.of("cas/backend"), null, List.of(), "certs/gateway-client");
    int port =
        start(
            route("/with", echoRequiringClient, withClient),
            route("/without", echoRequiringClient, trusting("cas/backend", SERVER_NAME)));

    JsonNode tls = tlsSeenBy(get(port, "/with"));

    assertThat(tls.path("clientCertificate").asText()).isEqualTo("CN=gateway-client");
    assertThat(get(port, "/without").status()).isEqualTo(502);
  }

  @Test
  void connectionsOfDifferentTlsSettingsToOneEndpointAreNeverShared() throws Exception {
    int port =
        start(
            route("/trusted", echo, trusting("cas/backend", SERVER_NAME)),
            route("/untrusted", echo, trusting("cas/other", SERVER_NAME)));
    List<Integer> trusted = new ArrayList<>();
    List<Integer> untrusted = new ArrayList<>();
    // One keep-alive client connection: both routes run on one event loop and so one pool.
    try (RawHttpClient client = new RawHttpClient(port)) {
      for (int i = 0; i < 10; i++) {
        client.get("example.com", "/trusted");
        trusted.add(client.read().status());
        client.get("example.com", "/untrusted");
        untrusted.add(client.read().status());
      }
    }

    assertThat(trusted).containsOnly(200);
    assertThat(untrusted).containsOnly(502);
    assertThat(echo.connectionsAccepted()).isGreaterThan(0);
  }

  @Test
  void rotatedCaBundleIsUsedByTheNextConnection() throws Exception {
    int port = start(route("/", echo, trusting("cas/rotating", SERVER_NAME)));
    // Nothing to trust yet: no connection can be made.
    assertThat(get(port, "/").status()).isEqualTo(502);

    material.putCaBundle("cas/rotating", new CaBundlePem(OTHER_CA.certificatePem()));
    assertThat(get(port, "/").status()).isEqualTo(502);

    material.putCaBundle("cas/rotating", new CaBundlePem(BACKEND_CA.certificatePem()));
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(port, "/").status() == 200);
  }

  @Test
  void anHttp11ClientReachesAnHttp2BackendOverTlsChosenByAlpn() throws Exception {
    int port = start(h2Route("/", echo, trusting("cas/backend", SERVER_NAME)));

    Response response = get(port, "/hello");

    assertThat(JSON.readTree(response.body()).path("protocol").asText()).isEqualTo("HTTP/2.0");
    assertThat(tlsSeenBy(response).path("serverName").asText()).isEqualTo(SERVER_NAME);
  }

  @Test
  void aGrpcCallReachesAnHttp2BackendOverTlsWithItsTrailers() throws Exception {
    int port = start(h2Route("/", echo, trusting("cas/backend", SERVER_NAME)));

    H2Client.Response response = grpcCall(port);

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.bodyText());
    assertThat(body.path("protocol").asText()).isEqualTo("HTTP/2.0");
    assertThat(body.path("tls").path("serverName").asText()).isEqualTo(SERVER_NAME);
    assertThat(body.path("bodyLength").asInt()).isEqualTo(5);
    assertThat(response.trailers).isNotNull();
    assertThat(response.trailers.get("grpc-status").toString()).isEqualTo("0");
    assertThat(response.trailers.get("grpc-message").toString()).isEqualTo("fine");
  }

  @Test
  void anHttp2BackendThatChoosesNoProtocolIsSpokenHttp2WithPriorKnowledge() throws Exception {
    int port = start(h2Route("/", echoWithoutAlpn, trusting("cas/backend", SERVER_NAME)));

    Response response = get(port, "/hello");

    assertThat(JSON.readTree(response.body()).path("protocol").asText()).isEqualTo("HTTP/2.0");
    assertThat(tlsSeenBy(response).path("serverName").asText()).isEqualTo(SERVER_NAME);
  }

  @Test
  void requestsToAnHttp2BackendShareOneTlsConnection() throws Exception {
    int port = start(h2Route("/", echo, trusting("cas/backend", SERVER_NAME)));
    int before = echo.connectionsAccepted();

    for (int i = 0; i < 5; i++) {
      assertThat(get(port, "/" + i).status()).isEqualTo(200);
    }

    assertThat(echo.connectionsAccepted() - before).isEqualTo(1);
  }

  @Test
  void anUntrustedHttp2BackendIsAnswered502AndUnavailableToGrpc() throws Exception {
    int port =
        start(
            h2Route("/other-ca", echo, trusting("cas/other", SERVER_NAME)),
            h2Route("/other-name", echo, trusting("cas/backend", "other.example.com")),
            h2Route("/grpc.Echo", echo, trusting("cas/other", SERVER_NAME)));
    int served = echo.requestsServed();

    assertThat(get(port, "/other-ca").status()).isEqualTo(502);
    assertThat(get(port, "/other-name").status()).isEqualTo(502);
    H2Client.Response call = grpcCall(port);
    // A trailers-only answer: the gRPC status is in the head.
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.headers.get("grpc-status").toString()).isEqualTo("14");
    assertThat(echo.requestsServed()).isEqualTo(served);
  }
}
