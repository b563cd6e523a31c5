package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * One match of one route rule, with what to do with a request it matches.
 *
 * @param name {@code namespace/route/rule/match}, used in logs and metrics
 * @param match what a request must look like
 * @param filters what is done to the request and its response besides proxying it
 * @param timeouts the route's time limits
 * @param retry when requests are sent again, or null for never
 * @param sessionPersistence how a client's requests stay on one endpoint, or null for not at all
 * @param backends weighted backends; empty, or all weights zero, means answer 500 (unless the
 *     filters redirect)
 */
public record Route(
    String name,
    RouteMatch match,
    RouteFilters filters,
    Timeouts timeouts,
    Retry retry,
    SessionPersistence sessionPersistence,
    List<Backend> backends) {
  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(timeouts, "timeouts");
    backends = backends == null ? List.of() : List.copyOf(backends);
  }

  /** A route without session persistence. */
  public Route(
      String name,
      RouteMatch match,
      RouteFilters filters,
      Timeouts timeouts,
      Retry retry,
      List<Backend> backends) {
    this(name, match, filters, timeouts, retry, null, backends);
  }

  /** A route without retries. */
  public Route(
      String name,
      RouteMatch match,
      RouteFilters filters,
      Timeouts timeouts,
      List<Backend> backends) {
    this(name, match, filters, timeouts, null, null, backends);
  }

  /** A route without time limits of its own or retries. */
  public Route(String name, RouteMatch match, RouteFilters filters, List<Backend> backends) {
    this(name, match, filters, Timeouts.NONE, null, null, backends);
  }

  /** A route without filters or time limits of its own. */
  public Route(String name, RouteMatch match, List<Backend> backends) {
    this(name, match, RouteFilters.NONE, Timeouts.NONE, null, null, backends);
  }
}
