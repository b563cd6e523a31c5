package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lintel.proxy.config.ClientValidation;
import dev.lintel.proxy.config.ClientValidationMode;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TlsClient;
import dev.lintel.proxy.tls.CaBundlePem;
import dev.lintel.proxy.tls.CertificatePem;
import dev.lintel.proxy.tls.InMemoryCertificateSource;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Client certificate validation on HTTPS ports with real TLS clients (JDK, TLS 1.3 and 1.2):
 * clients that present a certificate of the trusted authority, none, or one of another authority.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCertificateValidationIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final TestCertificates SERVER_CA = TestCertificates.authority("Lintel server CA");
  private static final TestCertificates CLIENT_CA = TestCertificates.authority("Lintel client CA");
  private static final TestCertificates OTHER_CA = TestCertificates.authority("Other client CA");
  private static final CertificatePem TRUSTED_CLIENT = CLIENT_CA.issue("client.example.org");
  private static final CertificatePem OTHER_CLIENT = OTHER_CA.issue("client.example.org");
  private static final SSLContext WITH_TRUSTED = SERVER_CA.clientContext(TRUSTED_CLIENT);
  private static final SSLContext WITH_OTHER = SERVER_CA.clientContext(OTHER_CLIENT);
  private static final SSLContext WITHOUT = SERVER_CA.clientContext();
  private static final int PORT = 8443;
  private static final int OTHER_PORT = 9443;
  private static EchoServer echo;

  private final InMemoryCertificateSource material = new InMemoryCertificateSource();
  private ProxyServer proxy;

  @BeforeAll
  static void startBackend() {
    echo = new EchoServer(LOOPBACK, 0, "echo");
    echo.start();
  }

  @AfterAll
  static void stopBackend() {
    echo.close();
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static Listener https(int port, ClientValidation validation) {
    return new Listener(
        "https-" + port,
        port,
        Protocol.HTTPS,
        List.of(vhost(List.of("*"), prefix("echo", "/", backend("echo", 1, local(echo.port()))))),
        List.of(new TlsEntry(null, List.of("certs/server"))),
        validation);
  }

  private static ClientValidation validation(ClientValidationMode mode, String... bundles) {
    return new ClientValidation(List.of(bundles), mode);
  }

  private Map<Integer, Integer> start(ProxyConfig config) throws Exception {
    material.put("certs/server", SERVER_CA.issue("example.org", "second-example.org"));
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1),
            material);
    proxy.apply(config);
    return proxy.boundPorts();
  }

  private static int status(SSLContext client, int port) throws IOException {
    return TlsClient.get(client, port, "example.org", "example.org", "/").response().status();
  }

  @Test
  void allowValidOnlyServesOnlyClientsWithACertificateOfTheTrustedAuthority() throws Exception {
    material.putCaBundle("cas/client", new CaBundlePem(CLIENT_CA.certificatePem()));
    int port =
        start(config(https(PORT, validation(ClientValidationMode.AllowValidOnly, "cas/client"))))
            .get(PORT);

    assertThat(status(WITH_TRUSTED, port)).isEqualTo(200);
    assertThatThrownBy(() -> status(WITHOUT, port)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> status(WITH_OTHER, port)).isInstanceOf(IOException.class);
  }

  @Test
  void allowInsecureFallbackServesEveryClient() throws Exception {
    material.putCaBundle("cas/client", new CaBundlePem(CLIENT_CA.certificatePem()));
    int port =
        start(
                config(
                    https(
                        PORT,
                        validation(ClientValidationMode.AllowInsecureFallback, "cas/client"))))
            .get(PORT);

    assertThat(status(WITH_TRUSTED, port)).isEqualTo(200);
    assertThat(status(WITHOUT, port)).isEqualTo(200);
    assertThat(status(WITH_OTHER, port)).isEqualTo(200);
  }

  @Test
  void eachPortTrustsItsOwnAuthoritiesAndAPortWithoutValidationAsksForNone() throws Exception {
    material.putCaBundle("cas/client", new CaBundlePem(CLIENT_CA.certificatePem()));
    material.putCaBundle("cas/other", new CaBundlePem(OTHER_CA.certificatePem()));
    Map<Integer, Integer> ports =
        start(
            config(
                https(PORT, validation(ClientValidationMode.AllowValidOnly, "cas/client")),
                https(OTHER_PORT, validation(ClientValidationMode.AllowValidOnly, "cas/other")),
                https(10443, null)));

    assertThat(status(WITH_TRUSTED, ports.get(PORT))).isEqualTo(200);
    assertThatThrownBy(() -> status(WITH_OTHER, ports.get(PORT))).isInstanceOf(IOException.class);
    assertThat(status(WITH_OTHER, ports.get(OTHER_PORT))).isEqualTo(200);
    assertThatThrownBy(() -> status(WITH_TRUSTED, ports.get(OTHER_PORT)))
        .isInstanceOf(IOException.class);
    assertThat(status(WITHOUT, ports.get(10443))).isEqualTo(200);
  }

  @Test
  void severalBundlesTrustTheAuthoritiesOfAll() throws Exception {
    material.putCaBundle("cas/client", new CaBundlePem(CLIENT_CA.certificatePem()));
    material.putCaBundle("cas/other", new CaBundlePem(OTHER_CA.certificatePem()));
    int port =
        start(
                config(
                    https(
                        PORT,
                        validation(
                            ClientValidationMode.AllowValidOnly, "cas/client", "cas/other"))))
            .get(PORT);

    assertThat(status(WITH_TRUSTED, port)).isEqualTo(200);
    assertThat(status(WITH_OTHER, port)).isEqualTo(200);
    assertThatThrownBy(() -> status(WITHOUT, port)).isInstanceOf(IOException.class);
  }

  @Test
  void aChangedBundleValidatesTheNextHandshakes() throws Exception {
    material.putCaBundle("cas/client", new CaBundlePem(CLIENT_CA.certificatePem()));
    int port =
        start(config(https(PORT, validation(ClientValidationMode.AllowValidOnly, "cas/client"))))
            .get(PORT);
    assertThat(status(WITH_TRUSTED, port)).isEqualTo(200);

    material.putCaBundle("cas/client", new CaBundlePem(OTHER_CA.certificatePem()));

    assertThat(status(WITH_OTHER, port)).isEqualTo(200);
    assertThatThrownBy(() -> status(WITH_TRUSTED, port)).isInstanceOf(IOException.class);
  }

  @Test
  void aMissingOrBrokenBundleRefusesEveryClientUntilAGoodOneArrives() throws Exception {
    int port =
        start(config(https(PORT, validation(ClientValidationMode.AllowValidOnly, "cas/client"))))
            .get(PORT);
    assertThatThrownBy(() -> status(WITH_TRUSTED, port)).isInstanceOf(IOException.class);

    material.putCaBundle("cas/client", new CaBundlePem("not a certificate\n"));
    assertThatThrownBy(() -> status(WITH_TRUSTED, port)).isInstanceOf(IOException.class);

    material.putCaBundle("cas/client", new CaBundlePem(CLIENT_CA.certificatePem()));
    assertThat(status(WITH_TRUSTED, port)).isEqualTo(200);
    assertThatThrownBy(() -> status(WITHOUT, port)).isInstanceOf(IOException.class);
  }
}
