package dev.lintel.proxy.routing;

/**
 * One config route, ready to serve: its name (for logs and metrics) and its backend picker.
 *
 * <p>Today a route has only a path condition, which the index has already checked; when header,
 * method or query conditions arrive they are checked here, and {@link PathIndex} moves on to the
 * next candidate when they fail.
 */
public final class CompiledRoute {
  private final String name;
  private final int order;
  private final BackendPicker picker;

  CompiledRoute(String name, int order, BackendPicker picker) {
    this.name = name;
    this.order = order;
    this.picker = picker;
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

  /** Conditions beyond the path; none exist yet. */
  boolean accepts() {
    return true;
  }

  @Override
  public String toString() {
    return name;
  }
}
