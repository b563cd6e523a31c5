package dev.lintel.proxy.routing;

/** The routing table of one listener port: hostname map, then the virtual host's path index. */
public final class ListenerRoutes {
  private final String listenerName;
  private final HostMatcher<PathIndex> hosts;

  ListenerRoutes(String listenerName, HostMatcher<PathIndex> hosts) {
    this.listenerName = listenerName;
    this.hosts = hosts;
  }

  public String listenerName() {
    return listenerName;
  }

  /**
   * Finds the route for a request.
   *
   * @param hostHeader the raw Host header (may be null)
   * @param uri the raw request target
   * @return the matching route, or null (answered 404)
   */
  public CompiledRoute find(String hostHeader, String uri) {
    return find(hostHeader, RequestAttributes.of("GET", uri));
  }

  /**
   * Finds the route for a request whose routes may have method, header or query conditions.
   *
   * @param hostHeader the raw Host header (may be null)
   * @param request the rest of the request; its target is the raw request target
   * @return the matching route, or null (answered 404)
   */
  public CompiledRoute find(String hostHeader, RequestAttributes request) {
    PathIndex paths = hosts.find(HostNormalizer.normalize(hostHeader));
    return paths == null ? null : paths.find(RequestPath.of(request.target()), request);
  }
}
