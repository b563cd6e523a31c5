package dev.lintel.operator.scenarios;

import static org.awaitility.Awaitility.await;

import dev.lintel.operator.standalone.StandaloneOptions;
import dev.lintel.operator.standalone.StandaloneRuntime;
import dev.lintel.proxy.config.ClientValidationMode;
import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TestCertificates.KeyFormat;
import dev.lintel.proxy.testing.TestCertificates.KeyType;
import dev.lintel.proxy.testing.TlsEchoServer;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.ClientTrust;
import dev.lintel.proxy.tls.InvalidCertificateException;
import dev.lintel.proxy.tls.ServerCertificate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Standalone mode serving the conformance base, shared by the tests of one class as the upstream
 * suite shares its base. A test {@link #apply}s its own manifests (files in the watched directory,
 * as {@code kubectl apply} would create objects), and {@link #deleteApplied} removes them again
 * after the test so that the next test starts from the base alone.
 *
 * <p>Every Gateway gets its own loopback address from a pool picked at random inside 127/8, and
 * listener port P is served on P plus an offset chosen from a free ephemeral port, so that parallel
 * builds on one machine do not collide.
 */
final class ConformanceRuntime implements AutoCloseable {
  static final String INFRA = "gateway-conformance-infra";
  static final String APP_BACKEND = "gateway-conformance-app-backend";
  static final String WEB_BACKEND = "gateway-conformance-web-backend";

  /** The GatewayClass of the base, as the upstream suite's {@code --gateway-class} default. */
  static final String GATEWAY_CLASS = "gateway-conformance";

  private static final List<String> BASE =
      List.of(
          "base/00-namespaces.yaml",
          "base/10-gateways.yaml",
          "base/20-backends.yaml",
          "base/25-grpc-backends.yaml",
          "base/30-certificates.yaml",
          "base/40-tls-backends.yaml");

  /** The names the base's certificates are valid for: the hosts the HTTPS scenarios send. */
  static final List<String> CERTIFICATE_NAMES =
      List.of(
          "example.org",
          "second-example.org",
          "unknown-example.org",
          "*.example.org",
          "*.example.com",
          "example.com");

  private static final Duration PROCESSED_WITHIN = Duration.ofSeconds(10);

  /**
   * An IP no interface of a test machine has (TEST-NET-3, RFC 5737): what upstream's suite takes as
   * {@code UnusableNetworkAddresses}.
   */
  static final String UNUSABLE_ADDRESS = "203.0.113.1";

  /** Listener ports the manifests use, all of which must stay below 65536 after the offset. */
  private static final int HIGHEST_LISTENER_PORT = 9443;

  private final Path root;
  private final EchoBackends backends;
  private final TlsBackends tlsBackends;
  private final GrpcEchoServers grpcBackends;
  private final List<GrpcGatewayClient> grpcClients = new ArrayList<>();

  /**
   * The TCP echo backend behind a BackendTLSPolicy (upstream's {@code btls-terminate-tcp-backend}):
   * TLS with a certificate of {@link #backendAuthority}, so only the policy's bundle trusts it.
   */
  private final TlsEchoServer reencryptedTcpBackend;

  private final ManifestFiles files;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Counter reloads;
  private final StandaloneRuntime runtime;
  private final StatusQuery status;
  private final TestCertificates authority = TestCertificates.authority("Lintel scenarios CA");

  /** Issues the client certificate that the default client validation of the tests trusts. */
  private final TestCertificates clientAuthority =
      TestCertificates.authority("Lintel scenarios client CA");

  /** Issues the client certificate that the per-port client validation of the tests trusts. */
  private final TestCertificates perPortClientAuthority =
      TestCertificates.authority("Lintel scenarios per-port client CA");

  /**
   * Issues the serving certificate of the TLS echo backends and the Gateways' backend client
   * certificate, as upstream's {@code tls-checks-ca-certificate} does.
   */
  private final TestCertificates backendAuthority =
      TestCertificates.authority("Lintel scenarios backend CA");

  /** The names the TLS echo backends' certificate is valid for (upstream's tls-backend). */
  static final List<String> TLS_BACKEND_NAMES =
      List.of("abc.example.com", "other.example.com", "spiffe://abc.example.com/test-identity");

  /** The TLS echo backends: the plain one, and the one that requires a client certificate. */
  static final String TLS_BACKEND = INFRA + "/tls-backend";

  static final String TLS_BACKEND_CLIENT_VALIDATION =
      INFRA + "/tls-backend-with-client-cert-validation";

  /**
   * The gRPC echo Service that also answers over TLS with a certificate of {@link
   * #backendAuthority} for {@link #TLS_BACKEND_NAMES} (manifest variable {@code
   * {GRPC_INFRA_BACKEND_V1_TLS_PORT}}), as upstream's echo pods do on port 8443.
   */
  static final String GRPC_TLS_BACKEND = INFRA + "/grpc-infra-backend-v1";

  /** The TCP echo backend that a TLSRoute reaches over TLS of its BackendTLSPolicy. */
  static final String REENCRYPTED_TCP_BACKEND = INFRA + "/btls-terminate-tcp-backend";

  private final CertificatePem clientCertificate = clientAuthority.issue("client.example.org");
  private final CertificatePem perPortClientCertificate =
      perPortClientAuthority.issue("per-port-client.example.org");
  private HttpClient http = newHttpClient();
  private final Map<String, Path> applied = new LinkedHashMap<>();
  private final String usableAddress;

  private ConformanceRuntime(Path root, EchoBackends backends, GrpcEchoServers grpcBackends)
      throws IOException {
    this.root = root;
    this.backends = backends;
    this.tlsBackends = TlsBackends.start();
    this.grpcBackends = grpcBackends;
    Path manifests = Files.createDirectories(root.resolve("manifests"));
    Path staging = Files.createDirectories(root.resolve("staging"));
    String poolPrefix = addressPoolPrefix();
    // Loopback, so bindable, and outside the pool (.1 to .254), so no pool Gateway takes it.
    this.usableAddress = poolPrefix + "255";
    startTlsBackends(backends);
    grpcBackends.startTls(
        GRPC_TLS_BACKEND,
        backendAuthority.issue(
            KeyType.EC, KeyFormat.PKCS8, TLS_BACKEND_NAMES.toArray(String[]::new)));
    this.reencryptedTcpBackend =
        TlsEchoServer.tls(
            REENCRYPTED_TCP_BACKEND,
            backendAuthority.issue(TLS_BACKEND_NAMES.toArray(String[]::new)));
    Map<String, String> manifestVariables = new HashMap<>(backends.manifestVariables());
    manifestVariables.putAll(tlsBackends.manifestVariables());
    manifestVariables.putAll(grpcBackends.manifestVariables());
    manifestVariables.put(
        "{BTLS_TERMINATE_TCP_BACKEND_PORT}", Integer.toString(reencryptedTcpBackend.port()));
    manifestVariables.put("{GATEWAY_CLASS_NAME}", GATEWAY_CLASS);
    manifestVariables.put("{GATEWAY_CONTROLLER_NAME}", StatusQuery.CONTROLLER_NAME);
    manifestVariables.put("{USABLE_ADDRESS}", usableAddress);
    manifestVariables.put("{UNUSABLE_ADDRESS}", UNUSABLE_ADDRESS);
    putCertificate(manifestVariables, "TLS_VALIDITY_CHECKS_CERTIFICATE");
    putCertificate(manifestVariables, "CERTIFICATE");
    putCertificate(manifestVariables, "TLS_CHECKS_CERTIFICATE");
    putCertificate(manifestVariables, "TLS_TERMINATE_CHECKS_CERTIFICATE");
    manifestVariables.put(
        "{TLS_VALIDITY_CHECKS_CA_PEM}", yamlEscaped(clientAuthority.certificatePem()));
    manifestVariables.put(
        "{TLS_VALIDITY_CHECKS_PER_PORT_CA_PEM}",
        yamlEscaped(perPortClientAuthority.certificatePem()));
    manifestVariables.put("{TLS_CHECKS_CA_PEM}", yamlEscaped(backendAuthority.certificatePem()));
    CertificatePem gatewayClient = backendAuthority.issue("tls-checks-client");
    manifestVariables.put(
        "{TLS_CHECKS_CLIENT_CERTIFICATE_CRT}", base64(gatewayClient.certificateChain()));
    manifestVariables.put(
        "{TLS_CHECKS_CLIENT_CERTIFICATE_KEY}", base64(gatewayClient.privateKey()));
    this.files = new ManifestFiles(manifests, staging, manifestVariables);
    for (String base : BASE) {
      files.write(base, files.render(base));
    }
    this.runtime =
        new StandaloneRuntime(
            new StandaloneOptions(
                manifests, portOffset(), 0, poolPrefix + "1-" + poolPrefix + "254"),
            meters);
    this.reloads = meters.counter("lintel.standalone.reloads");
    this.status = new StatusQuery(runtime);
  }

  /**
   * Starts the TLS echo backends with a certificate of {@link #backendAuthority} for {@link
   * #TLS_BACKEND_NAMES}; the second one also requires a client certificate of that authority.
   */
  private void startTlsBackends(EchoBackends backends) throws IOException {
    try {
      ServerCertificate served =
          ServerCertificate.load(
              "tls-backend", backendAuthority.issue(TLS_BACKEND_NAMES.toArray(String[]::new)));
      backends.startTls(TLS_BACKEND, served.context());
      ClientTrust clients =
          new ClientTrust(
              ClientTrust.load(new CaBundlePem(backendAuthority.certificatePem())),
              ClientValidationMode.AllowValidOnly);
      backends.startTls(TLS_BACKEND_CLIENT_VALIDATION, served.contextFor(clients));
    } catch (InvalidCertificateException e) {
      throw new IOException("the TLS backends' test certificate does not load", e);
    }
  }

  /** {@code {NAME_CRT}} and {@code {NAME_KEY}}: a new certificate's PEM, base64 as in a Secret. */
  private void putCertificate(Map<String, String> variables, String name) {
    CertificatePem pem =
        authority.issue(KeyType.EC, KeyFormat.PKCS8, CERTIFICATE_NAMES.toArray(String[]::new));
    variables.put("{" + name + "_CRT}", base64(pem.certificateChain()));
    variables.put("{" + name + "_KEY}", base64(pem.privateKey()));
  }

  /** PEM inside a double-quoted YAML scalar: line breaks as {@code \\n}. */
  private static String yamlEscaped(String pem) {
    return pem.replace("\r", "").replace("\n", "\\n");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** A client TLS context that trusts the certificates of the base (and only those). */
  SSLContext trust() {
    return authority.clientContext();
  }

  /** A client TLS context that trusts the TLS backends' certificates (and only those). */
  SSLContext trustTlsBackends() {
    return tlsBackends.trust();
  }

  /**
   * {@link #trust()} presenting the client certificate of {@code
   * tls-validity-checks-ca-certificate} (upstream's Secret {@code
   * tls-validity-checks-client-certificate}).
   */
  SSLContext trustPresentingClientCertificate() {
    return authority.clientContext(clientCertificate);
  }

  /**
   * {@link #trust()} presenting the client certificate of {@code
   * tls-validity-checks-per-port-ca-certificate} (upstream's Secret {@code
   * tls-validity-checks-per-port-client-certificate}).
   */
  SSLContext trustPresentingPerPortClientCertificate() {
    return authority.clientContext(perPortClientCertificate);
  }

  /** Starts the echo backends and standalone mode on the conformance base. */
  static ConformanceRuntime start() throws IOException {
    Path root = Files.createTempDirectory("lintel-scenarios");
    EchoBackends backends = EchoBackends.start();
    GrpcEchoServers grpcBackends = null;
    ConformanceRuntime conformance = null;
    try {
      grpcBackends = GrpcEchoServers.start();
      conformance = new ConformanceRuntime(root, backends, grpcBackends);
      conformance.runtime.start();
      return conformance;
    } catch (IOException | RuntimeException e) {
      if (conformance != null) {
        conformance.close();
      } else {
        backends.close();
        if (grpcBackends != null) {
          grpcBackends.close();
        }
      }
      throw e;
    }
  }

  /**
   * A loopback address standalone mode can bind but hands to no Gateway by itself: what upstream's
   * suite takes as {@code UsableNetworkAddresses} (manifest variable {@code {USABLE_ADDRESS}}).
   */
  String usableAddress() {
    return usableAddress;
  }

  StatusQuery status() {
    return status;
  }

  EchoBackends backends() {
    return backends;
  }

  GrpcEchoServers grpcBackends() {
    return grpcBackends;
  }

  /**
   * Creates the objects of {@code scenarios/tests/<resource>} and returns once standalone mode has
   * loaded them and published their status.
   */
  void apply(String resource) {
    update(resource, resource);
  }

  /**
   * Replaces the file applied as {@code applied} by the content of {@code resource}: the objects in
   * it change as with {@code kubectl apply} of an edited file.
   */
  void update(String appliedAs, String resource) {
    String text = files.render("tests/" + resource);
    changeAndWait(() -> applied.put(appliedAs, files.write("tests/" + appliedAs, text)));
  }

  /**
   * Deletes everything the current test applied and waits until it is gone. The next test gets a
   * new HTTP client: a Gateway it creates may get the address and port of one deleted here, and a
   * connection pooled to the old proxy must not be reused for it.
   */
  void deleteApplied() {
    http = newHttpClient();
    grpcClients.forEach(GrpcGatewayClient::close);
    grpcClients.clear();
    if (applied.isEmpty()) {
      return;
    }
    List<Path> paths = new ArrayList<>(applied.values());
    applied.clear();
    changeAndWait(() -> paths.forEach(files::delete));
  }

  private static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  /**
   * The upstream failures the proxies have counted so far for one reason ({@code connect}, {@code
   * reset}, {@code timeout}, ...): lets a test see that a failure it provoked did happen when a
   * retry hid it from the client.
   */
  double upstreamErrors(String reason) {
    Counter counter = meters.find(ProxyMetrics.UPSTREAM_ERRORS).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The SNI of the last connection to {@link #REENCRYPTED_TCP_BACKEND}. */
  String reencryptedTcpBackendServerName() {
    return reencryptedTcpBackend.lastServerName();
  }

  /** A client for listener port 80 of a Gateway. */
  GatewayClient gateway(String namespace, String name) {
    return gateway(namespace, name, 80);
  }

  /** A client for one listener port of a Gateway, at the address in its status. */
  GatewayClient gateway(String namespace, String name, int listenerPort) {
    return gateway(namespace, name, listenerPort, trust());
  }

  /** {@link #gateway(String, String, int)} whose TLS requests use {@code tls}. */
  GatewayClient gateway(String namespace, String name, int listenerPort, SSLContext tls) {
    return new GatewayClient(
        http, tls, status.address(namespace, name), boundPort(namespace, name, listenerPort));
  }

  private int boundPort(String namespace, String name, int listenerPort) {
    return runtime
        .boundPort(namespace, name, listenerPort)
        .orElseThrow(
            () ->
                new AssertionError(
                    "Gateway " + namespace + "/" + name + " serves no port " + listenerPort));
  }

  /**
   * A gRPC client for one listener port of a Gateway, at the address in its status; closed when the
   * test's objects are deleted.
   */
  GrpcGatewayClient grpcGateway(String namespace, String name, int listenerPort) {
    GrpcGatewayClient client =
        new GrpcGatewayClient(
            status.address(namespace, name), boundPort(namespace, name, listenerPort));
    grpcClients.add(client);
    return client;
  }

  /** {@link #grpcGateway(String, String, int)} for listener port 80. */
  GrpcGatewayClient grpcGateway(String namespace, String name) {
    return grpcGateway(namespace, name, 80);
  }

  /**
   * Makes a change to the watched directory and waits for the reload that follows it: standalone
   * mode counts a reload when it starts and publishes a new view when it ends, so a higher count
   * plus a new view means the change has been processed. Nothing else writes the directory, so no
   * other reload can be mistaken for it.
   */
  private void changeAndWait(Runnable change) {
    double reloadsBefore = reloads.count();
    StandaloneRuntime.View viewBefore = runtime.view();
    change.run();
    await()
        .atMost(PROCESSED_WITHIN)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> reloads.count() > reloadsBefore && runtime.view() != viewBefore);
    if (!runtime.view().errors().isEmpty()) {
      throw new AssertionError("manifests failed to load: " + runtime.view().errors());
    }
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
    }
    grpcClients.forEach(GrpcGatewayClient::close);
    backends.close();
    tlsBackends.close();
    grpcBackends.close();
    reencryptedTcpBackend.close();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }

  /** An offset that puts listener ports on free ephemeral ports (80 on a free one). */
  private static int portOffset() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        int offset = socket.getLocalPort() - 80;
        if (offset > 1024 && HIGHEST_LISTENER_PORT + offset <= 65535) {
          return offset;
        }
      }
    }
    throw new IllegalStateException(
        "no ephemeral port leaves room for listener port " + HIGHEST_LISTENER_PORT);
  }

  /**
   * The first three octets (with the dot) of a /24 of 127/8 picked at random (not the usual
   * 127.0.0.x): the address pool is its .1 to .254.
   */
  private static String addressPoolPrefix() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(100, 250) + "." + random.nextInt(1, 255) + ".";
  }
}
