package dev.lintel.operator.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a scenario sends: method, Host header, path (with query) and extra headers. A null
 * host means the Gateway's own address, as the upstream suite sends when a test names no host.
 *
 * @param method the request method
 * @param host the Host header, or null for the Gateway's address and port
 * @param path the request target
 * @param headers extra request headers
 */
record ScenarioRequest(String method, String host, String path, Map<String, String> headers) {
  ScenarioRequest {
    headers = Map.copyOf(headers);
  }

  /** A GET of {@code path} to the Gateway's own address. */
  static ScenarioRequest get(String path) {
    return new ScenarioRequest("GET", null, path, Map.of());
  }

  /** A GET of {@code path} with the given Host header. */
  static ScenarioRequest get(String host, String path) {
    return new ScenarioRequest("GET", host, path, Map.of());
  }

  ScenarioRequest withMethod(String newMethod) {
    return new ScenarioRequest(newMethod, host, path, headers);
  }

  ScenarioRequest withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ScenarioRequest(method, host, path, more);
  }

  @Override
  public String toString() {
    return method + " " + path + (host == null ? "" : " (Host: " + host + ")") + " " + headers;
  }
}
