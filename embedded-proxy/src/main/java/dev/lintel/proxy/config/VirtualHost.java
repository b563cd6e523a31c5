package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * A set of hostnames sharing one ordered route list.
 *
 * @param name stable identifier (for logs)
 * @param hostnames exact names ({@code foo.example.com}), wildcards ({@code *.example.com}) or
 *     {@code *} for any host; lower case
 * @param routes in precedence order: the first route whose match fits a request wins
 */
public record VirtualHost(String name, List<String> hostnames, List<Route> routes) {
  public VirtualHost {
    Objects.requireNonNull(name, "name");
    hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    routes = routes == null ? List.of() : List.copyOf(routes);
  }
}
