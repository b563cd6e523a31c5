package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.testing.RawHttpClient;
import dev.lintel.proxy.testing.TlsClient;
import dev.lintel.proxy.testing.TlsEchoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Sends requests to one listener port of one Gateway, at the address standalone mode gave it, and
 * checks answers the way the upstream suite's expected responses do.
 */
final class GatewayClient {
  private final HttpClient http;
  private final SSLContext trust;
  private final String address;
  private final int port;

  GatewayClient(HttpClient http, SSLContext trust, String address, int port) {
    this.http = http;
    this.trust = trust;
    this.address = address;
    this.port = port;
  }

  /**
   * Sends a GET over TLS on a new connection with {@code sni} as server name, verifying the
   * certificate against the base's authority and that name, as the upstream suite's TLS requests
   * do.
   */
  ScenarioResponse sendTls(String sni, ScenarioRequest request) {
    assertThat(request.method()).isEqualTo("GET");
    try (TlsClient client = TlsClient.connect(trust, InetAddress.getByName(address), port, sni)) {
      RawHttpClient.Response response =
          client.get(request.host() == null ? sni : request.host(), request.path());
      return new ScenarioResponse(request, response.status(), response.headers(), response.text());
    } catch (IOException e) {
      throw new UncheckedIOException(request + " over TLS with SNI " + sni + " failed", e);
    }
  }

  /**
   * A TLS connection with {@code sni} as server name, its certificate verified against this
   * client's trust and that name, to a TLSRoute's echo backend ({@code TlsEchoServer}).
   */
  TlsEchoClient connectTls(String sni) throws IOException {
    return TlsEchoClient.connect(trust, InetAddress.getByName(address), port, sni);
  }

  /** {@link #sendTls} requiring a 200 from the echo backend of Service {@code ns/backend}. */
  EchoedRequest expectTlsBackend(
      String sni, ScenarioRequest request, String namespace, String backend) {
    return requireBackend(sendTls(sni, request), namespace, backend);
  }

  /** {@link #sendTls} requiring the given status code. */
  ScenarioResponse expectTlsStatus(String sni, ScenarioRequest request, int status) {
    ScenarioResponse response = sendTls(sni, request);
    assertThat(response.status()).as("status of %s", response).isEqualTo(status);
    return response;
  }

  ScenarioResponse send(ScenarioRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + request.path()))
            .timeout(Duration.ofSeconds(5));
    // GET() sends no Content-Length, as the upstream suite's client does; method(..., noBody())
    // would add "Content-Length: 0".
    if (request.method().equals("GET")) {
      builder.GET();
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    if (request.host() != null) {
      builder.header("Host", request.host());
    }
    request.headers().forEach(builder::header);
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response
          .headers()
          .map()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
      return new ScenarioResponse(request, response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(request + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request + " interrupted", e);
    }
  }

  /** Sends and requires a 200 from the echo backend of Service {@code namespace/backend}. */
  EchoedRequest expectBackend(ScenarioRequest request, String namespace, String backend) {
    return requireBackend(send(request), namespace, backend);
  }

  private static EchoedRequest requireBackend(
      ScenarioResponse response, String namespace, String backend) {
    assertThat(response.status()).as("status of %s", response).isEqualTo(200);
    EchoedRequest echoed = response.echo();
    assertThat(echoed.namespace() + "/" + echoed.backend())
        .as("backend answering %s", response.request())
        .isEqualTo(namespace + "/" + backend);
    return echoed;
  }

  /** Sends and requires the given status code. */
  ScenarioResponse expectStatus(ScenarioRequest request, int status) {
    ScenarioResponse response = send(request);
    assertThat(response.status()).as("status of %s", response).isEqualTo(status);
    return response;
  }

  /**
   * Sends and requires a redirect with the given status; returns its {@code Location}. The client
   * never follows redirects (HttpClient's default policy), as the upstream suite's {@code
   * UnfollowRedirect} requests do not.
   */
  URI expectRedirect(ScenarioRequest request, int status) {
    ScenarioResponse response = expectStatus(request, status);
    List<String> location = response.header("Location");
    assertThat(location).as("Location of %s", response).hasSize(1);
    return URI.create(location.get(0));
  }

  /** The Gateway's address: the host a request without a Host header of its own names. */
  String address() {
    return address;
  }

  /** The listener's port (as bound in standalone mode). */
  int port() {
    return port;
  }

  /** The value a request without a Host header of its own carries. */
  String authority() {
    return address + ":" + port;
  }
}
