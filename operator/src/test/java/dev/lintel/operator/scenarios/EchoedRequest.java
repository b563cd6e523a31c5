package dev.lintel.operator.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an echo backend saw: which backend it is and the request as it arrived, after the proxy.
 *
 * @param namespace the namespace of the Service the backend stands for
 * @param backend the name of that Service
 * @param method the request method
 * @param path the request target (with query)
 * @param host the Host header
 * @param headers the request headers, names in lower case
 * @param tlsServerName on a TLS backend, the SNI the proxy sent (null if none or in clear text)
 * @param tlsClientCertificate on a TLS backend, the subject of the certificate the proxy presented
 *     (null if none or in clear text)
 */
record EchoedRequest(
    String namespace,
    String backend,
    String method,
    String path,
    String host,
    Map<String, List<String>> headers,
    String tlsServerName,
    String tlsClientCertificate) {

  static EchoedRequest of(JsonNode echo) {
    String name = echo.path("name").asText();
    int slash = name.indexOf('/');
    Map<String, List<String>> headers = new LinkedHashMap<>();
    echo.path("headers")
        .properties()
        .forEach(
            field -> {
              List<String> values = new ArrayList<>();
              field.getValue().forEach(value -> values.add(value.asText()));
              headers.put(field.getKey().toLowerCase(Locale.ROOT), List.copyOf(values));
            });
    return new EchoedRequest(
        slash < 0 ? "" : name.substring(0, slash),
        name.substring(slash + 1),
        echo.path("method").asText(),
        echo.path("path").asText(),
        echo.path("host").asText(),
        Map.copyOf(headers),
        textOrNull(echo.path("tls").path("serverName")),
        textOrNull(echo.path("tls").path("clientCertificate")));
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  /** The values the backend saw for a header (any case), empty when it saw none. */
  List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * The values the backend saw joined with commas, as the upstream suite compares them, or null
   * when there are none.
   */
  String joinedHeader(String name) {
    List<String> values = header(name);
    return values.isEmpty() ? null : String.join(",", values);
  }
}
