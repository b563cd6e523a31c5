package dev.lintel.proxy.routing;

import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.Redirect;
import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.Rewrite;
import dev.lintel.proxy.config.Timeouts;

/**
 * One config route, ready to serve: its name (for logs and metrics), its conditions beyond the path
 * and its backend picker. {@link PathIndex} has checked the path; when the other conditions fail it
 * moves on to the next candidate.
 */
public final class CompiledRoute {
  private final String name;
  private final int order;
  private final BackendPicker picker;
  private final RouteConditions conditions;
  private final PathMatch path;
  private final Redirect redirect;
  private final Rewrite rewrite;
  private final Timeouts timeouts;
  private final CompiledMirror[] mirrors;
  private final CorsPolicy cors;
  private final Retry retry;
  private final CompiledDirectResponse directResponse;
  private final SessionAffinity session;

  CompiledRoute(String name, int order, BackendPicker picker) {
    this(
        name,
        order,
        picker,
        RouteConditions.NONE,
        null,
        null,
        null,
        Timeouts.NONE,
        new CompiledMirror[0],
        null,
        null,
        null,
        null);
  }

  CompiledRoute(
      String name,
      int order,
      BackendPicker picker,
      RouteConditions conditions,
      PathMatch path,
      Redirect redirect,
      Rewrite rewrite,
      Timeouts timeouts,
      CompiledMirror[] mirrors,
      CorsPolicy cors,
      Retry retry,
      CompiledDirectResponse directResponse,
      SessionAffinity session) {
    this.directResponse = directResponse;
    this.session = session;
    this.cors = cors;
    this.retry = retry;
    this.name = name;
    this.order = order;
    this.picker = picker;
    this.conditions = conditions;
    this.path = path;
    this.redirect = redirect;
    this.rewrite = rewrite;
    this.timeouts = timeouts;
    this.mirrors = mirrors;
  }

  /** Where copies of the route's requests go (empty for most routes). */
  public CompiledMirror[] mirrors() {
    return mirrors;
  }

  /** Which endpoint a request's session token names, or null for a route without sessions. */
  public SessionAffinity session() {
    return session;
  }

  /** The route's CORS filter, or null. */
  public CorsPolicy cors() {
    return cors;
  }

  /** When the route's requests are sent again, or null. */
  public Retry retry() {
    return retry;
  }

  /** The route's own time limits. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** The route's path condition (what a {@code ReplacePrefixMatch} replaces). */
  public PathMatch path() {
    return path;
  }

  /** The redirect to answer with instead of proxying, or null. */
  public Redirect redirect() {
    return redirect;
  }

  /** The fixed response to answer with instead of proxying, or null. */
  public CompiledDirectResponse directResponse() {
    return directResponse;
  }

  /** The host and path changes before proxying, or null. */
  public Rewrite rewrite() {
    return rewrite;
  }

  public String name() {
    return name;
  }

  /** Position of the route in its virtual host's config list: the precedence tie-breaker. */
  public int order() {
    return order;
  }

  public BackendPicker backends() {
    return picker;
  }

  /** Whether the request meets the conditions beyond the path (method, headers, query). */
  boolean accepts(RequestAttributes request) {
    return conditions.accepts(request);
  }

  @Override
  public String toString() {
    return name;
  }
}
