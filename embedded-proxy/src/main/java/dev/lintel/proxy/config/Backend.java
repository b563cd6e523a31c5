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
 */
public record Backend(String name, int weight, List<Endpoint> endpoints, String rejected) {
  public Backend {
    Objects.requireNonNull(name, "name");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }
}
