package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * One match of one route rule, with what to do with a request it matches.
 *
 * @param name {@code namespace/route/rule/match}, used in logs and metrics
 * @param match what a request must look like
 * @param backends weighted backends; empty, or all weights zero, means answer 500
 */
public record Route(String name, RouteMatch match, List<Backend> backends) {
  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    backends = backends == null ? List.of() : List.copyOf(backends);
  }
}
