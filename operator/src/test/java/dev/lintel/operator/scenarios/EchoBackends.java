package dev.lintel.operator.scenarios;

import dev.lintel.proxy.echo.EchoServer;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One real echo server per Service of the conformance base. Each is named {@code namespace/service}
 * so that an answer tells which Service's endpoints the proxy picked, as the upstream echo pods do
 * with their pod name and namespace.
 */
final class EchoBackends implements AutoCloseable {
  /**
   * The Services of the conformance base that have endpoints, as {@code namespace/name}, and last
   * the healthy endpoint of the Service that HTTPRouteRetryConnectionError creates (named after the
   * upstream test's healthy Deployment, which that test expects to answer).
   */
  static final List<String> SERVICES =
      List.of(
          "gateway-conformance-infra/infra-backend-v1",
          "gateway-conformance-infra/infra-backend-v2",
          "gateway-conformance-infra/infra-backend-v3",
          "gateway-conformance-app-backend/app-backend-v1",
          "gateway-conformance-app-backend/app-backend-v2",
          "gateway-conformance-web-backend/web-backend",
          "gateway-conformance-infra/infra-backend-connection-error-healthy");

  private final Map<String, EchoServer> servers = new LinkedHashMap<>();

  private EchoBackends() {}

  /** Starts every backend on 127.0.0.1 with an ephemeral port. */
  static EchoBackends start() throws UnknownHostException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    EchoBackends backends = new EchoBackends();
    try {
      for (String service : SERVICES) {
        EchoServer server = new EchoServer(loopback, 0, service);
        server.start();
        backends.servers.put(service, server);
      }
    } catch (RuntimeException e) {
      backends.close();
      throw e;
    }
    return backends;
  }

  /**
   * Starts an echo backend that speaks TLS only, for Service {@code namespace/name} (the upstream
   * base's {@code tls-backend} pods): it reports the SNI and client certificate of each request.
   */
  void startTls(String service, SslContext tls) throws UnknownHostException {
    EchoServer server = new EchoServer(InetAddress.getByName("127.0.0.1"), 0, service, tls);
    server.start();
    servers.put(service, server);
  }

  /**
   * The manifest variables for the backends' ports: {@code {INFRA_BACKEND_V1_PORT}} for Service
   * {@code infra-backend-v1}, and so on.
   */
  Map<String, String> manifestVariables() {
    Map<String, String> result = new LinkedHashMap<>();
    servers.forEach((service, server) -> result.put(portVariable(service), "" + server.port()));
    return result;
  }

  /** The manifest variable of the port of Service {@code namespace/name}: {@code {NAME_PORT}}. */
  static String portVariable(String service) {
    String name = service.substring(service.indexOf('/') + 1);
    return "{" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT}";
  }

  /**
   * The requests the backend of Service {@code namespace/name} answered last (up to 1,000), oldest
   * first, as {@code METHOD target}: also the mirrored copies, whose answers nobody reads (the
   * upstream suite reads the mirror pods' logs for them).
   */
  List<String> recentRequests(String service) {
    EchoServer server = servers.get(service);
    if (server == null) {
      throw new IllegalArgumentException("no echo backend for Service " + service);
    }
    return server.recentRequests();
  }

  @Override
  public void close() {
    servers.values().forEach(EchoServer::close);
    servers.clear();
  }
}
