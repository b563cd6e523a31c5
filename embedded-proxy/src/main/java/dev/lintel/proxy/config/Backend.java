package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * One weighted backend of a route.
 *
 * @param name {@code namespace/service:port}, for logs and metrics
 * @param weight relative share of the route's requests; 0 receives none
 * @param endpoints addresses picked round robin; empty means 503
 * @param rejected when not null, why the backend reference is invalid: its share of requests is
 *     answered 500 (Gateway API rule for invalid backendRefs)
 * @param requestHeaders changes to the request headers for this backend only (after the route's),
 *     or null
 * @param responseHeaders changes to the response headers of this backend only (before the route's),
 *     or null
 * @param protocol what the proxy speaks to the endpoints
 * @param tls how to speak TLS to the endpoints (a BackendTLSPolicy), or null for clear text
 */
public record Backend(
    String name,
    int weight,
    List<Endpoint> endpoints,
    String rejected,
    HeaderModifier requestHeaders,
    HeaderModifier responseHeaders,
    BackendProtocol protocol,
    BackendTls tls) {
  public Backend {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** A clear-text HTTP/1.1 backend without header changes of its own. */
  public Backend(String name, int weight, List<Endpoint> endpoints, String rejected) {
    this(name, weight, endpoints, rejected, null, null);
  }

  /** A clear-text HTTP/1.1 backend. */
  public Backend(
      String name,
      int weight,
      List<Endpoint> endpoints,
      String rejected,
      HeaderModifier requestHeaders,
      HeaderModifier responseHeaders) {
    this(
        name,
        weight,
        endpoints,
        rejected,
        requestHeaders,
        responseHeaders,
        BackendProtocol.HTTP1,
        null);
  }

  /** This backend speaking {@code other} protocol. */
  public Backend withProtocol(BackendProtocol other) {
    return new Backend(
        name, weight, endpoints, rejected, requestHeaders, responseHeaders, other, tls);
  }

  /** The same backend spoken to with {@code other} TLS settings (null: clear text). */
  public Backend withTls(BackendTls other) {
    return new Backend(
        name, weight, endpoints, rejected, requestHeaders, responseHeaders, protocol, other);
  }
}
