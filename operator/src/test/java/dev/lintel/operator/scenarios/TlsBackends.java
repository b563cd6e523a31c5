package dev.lintel.operator.scenarios;

import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TlsEchoServer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The TLS backends of the TLSRoute scenarios: one {@link TlsEchoServer} per Service port, named
 * {@code namespace/service}, each TLS one presenting a certificate of its own authority (upstream's
 * {@code tls-checks-ca-certificate}), so a client that trusts only that authority sees whether the
 * proxy passed its connection through. {@code l4-backend} and {@code tcp-backend} also have a
 * clear-text port, behind the terminating listeners.
 */
final class TlsBackends implements AutoCloseable {
  /** The TLS backends, as {@code namespace/name}. */
  static final List<String> SERVICES =
      List.of(
          "gateway-conformance-infra/tls-backend",
          "gateway-conformance-infra/tls-backend-2",
          "gateway-conformance-infra/tcp-backend",
          "gateway-conformance-infra/l4-backend",
          "gateway-conformance-app-backend/tls-backend");

  /** The clear-text backends: port 3000 of {@code l4-backend} and of {@code tcp-backend}. */
  static final List<String> PLAIN =
      List.of(
          "gateway-conformance-infra/l4-backend-plain",
          "gateway-conformance-infra/tcp-backend-plain");

  /** The names the backends' certificates cover: every SNI the TLSRoute scenarios send. */
  private static final String[] NAMES = {"*.example.com", "example.com", "abc.example.com"};

  private final TestCertificates authority =
      TestCertificates.authority("Lintel scenarios TLS backend CA");
  private final Map<String, TlsEchoServer> servers = new LinkedHashMap<>();

  private TlsBackends() {}

  static TlsBackends start() throws IOException {
    TlsBackends backends = new TlsBackends();
    try {
      for (String service : SERVICES) {
        backends.servers.put(service, TlsEchoServer.tls(service, backends.authority.issue(NAMES)));
      }
      for (String service : PLAIN) {
        backends.servers.put(service, TlsEchoServer.plain(service));
      }
    } catch (IOException | RuntimeException e) {
      backends.close();
      throw e;
    }
    return backends;
  }

  /** A client context that trusts the backends' authority only (not the Gateways' one). */
  SSLContext trust() {
    return authority.clientContext();
  }

  /**
   * The manifest variables for the backends' ports: {@code {TLSROUTE_TLS_BACKEND_PORT}} for Service
   * {@code gateway-conformance-infra/tls-backend}, {@code {TLSROUTE_APP_TLS_BACKEND_PORT}} for the
   * one in the app namespace, and so on (prefixed: the HTTPS echo backend of the BackendTLSPolicy
   * tests has {@code {TLS_BACKEND_PORT}}).
   */
  Map<String, String> manifestVariables() {
    Map<String, String> result = new LinkedHashMap<>();
    servers.forEach(
        (service, server) -> {
          String prefix = service.startsWith(ConformanceRuntime.APP_BACKEND) ? "APP_" : "";
          String name = service.substring(service.indexOf('/') + 1);
          String key =
              "{TLSROUTE_" + prefix + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT}";
          result.put(key, Integer.toString(server.port()));
        });
    return result;
  }

  @Override
  public void close() {
    servers.values().forEach(TlsEchoServer::close);
    servers.clear();
  }
}
