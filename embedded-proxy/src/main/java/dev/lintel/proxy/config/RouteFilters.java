package dev.lintel.proxy.config;

import java.util.List;

/**
 * What a route does to a request besides choosing a backend. A route with a redirect or a direct
 * response answers the request itself and has no backends.
 *
 * @param requestHeaders changes to the request headers, or null
 * @param responseHeaders changes to the response headers, or null
 * @param redirect answer with this redirect, or null to proxy
 * @param rewrite changes to the request's host and path, or null
 * @param mirrors where copies of the requests go
 * @param cors cross-origin resource sharing: preflights answered here, response headers added; or
 *     null
 * @param directResponse answer with this fixed response, or null to proxy
 */
public record RouteFilters(
    HeaderModifier requestHeaders,
    HeaderModifier responseHeaders,
    Redirect redirect,
    Rewrite rewrite,
    List<Mirror> mirrors,
    Cors cors,
    DirectResponse directResponse) {
  /** No filters. */
  public static final RouteFilters NONE = new RouteFilters(null, null, null, null);

  public RouteFilters {
    mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
  }

  /** Filters without mirrors or CORS. */
  public RouteFilters(
      HeaderModifier requestHeaders,
      HeaderModifier responseHeaders,
      Redirect redirect,
      Rewrite rewrite) {
    this(requestHeaders, responseHeaders, redirect, rewrite, List.of(), null, null);
  }

  /** Filters without CORS. */
  public RouteFilters(
      HeaderModifier requestHeaders,
      HeaderModifier responseHeaders,
      Redirect redirect,
      Rewrite rewrite,
      List<Mirror> mirrors) {
    this(requestHeaders, responseHeaders, redirect, rewrite, mirrors, null, null);
  }

  /** Filters without mirrors. */
  public RouteFilters(
      HeaderModifier requestHeaders,
      HeaderModifier responseHeaders,
      Redirect redirect,
      Rewrite rewrite,
      Cors cors) {
    this(requestHeaders, responseHeaders, redirect, rewrite, List.of(), cors, null);
  }

  /** Filters without direct response. */
  public RouteFilters(
      HeaderModifier requestHeaders,
      HeaderModifier responseHeaders,
      Redirect redirect,
      Rewrite rewrite,
      List<Mirror> mirrors,
      Cors cors) {
    this(requestHeaders, responseHeaders, redirect, rewrite, mirrors, cors, null);
  }
}
