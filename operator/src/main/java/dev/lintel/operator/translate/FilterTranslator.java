package dev.lintel.operator.translate;

import dev.lintel.proxy.config.Cors;
import dev.lintel.proxy.config.DirectResponse;
import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HeaderValue;
import dev.lintel.proxy.config.Mirror;
import dev.lintel.proxy.config.PathModifier;
import dev.lintel.proxy.config.PathModifierType;
import dev.lintel.proxy.config.Redirect;
import dev.lintel.proxy.config.Rewrite;
import dev.lintel.proxy.config.RouteFilters;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates the filters of an HTTPRoute rule (and the header filters of a backendRef) into the
 * proxy's {@link RouteFilters}. Pure; {@link RouteValidator} has checked the values first.
 *
 * <p>A redirect's port follows the Gateway API rules here, once, so that the proxy writes the
 * {@code Location} as given: an explicit port wins; otherwise a given scheme brings its well-known
 * port and no scheme means the listener's port; and the port is left out where it is the scheme's
 * default (80 for http, 443 for https).
 */
final class FilterTranslator {
  /** {@code HTTPCORSFilter.maxAge} when left out. */
  static final int DEFAULT_CORS_MAX_AGE = 5;

  private FilterTranslator() {}

  /**
   * @param filters the rule's filters (validated)
   * @param mirrors the rule's resolved RequestMirror targets
   * @param listenerPort the port of the Gateway listener the route attaches through
   * @param listenerScheme {@code http} or {@code https}, from the listener's protocol
   */
  static RouteFilters ruleFilters(
      List<HTTPRouteFilter> filters,
      List<Mirror> mirrors,
      int listenerPort,
      String listenerScheme) {
    HeaderModifier requestHeaders = null;
    HeaderModifier responseHeaders = null;
    Redirect redirect = null;
    Rewrite rewrite = null;
    Cors cors = null;
    DirectResponse directResponse = null;
    for (HTTPRouteFilter filter : filters) {
      switch (filter.getType()) {
        case "RequestHeaderModifier" ->
            requestHeaders = headerModifier(filter.getRequestHeaderModifier());
        case "ResponseHeaderModifier" ->
            responseHeaders = headerModifier(filter.getResponseHeaderModifier());
        case "RequestRedirect" ->
            redirect = redirect(filter.getRequestRedirect(), listenerPort, listenerScheme);
        case "URLRewrite" -> rewrite = rewrite(filter.getUrlRewrite());
        case "RequestMirror" -> {
          // Resolved with the backends (BackendResolver): the mirrors argument.
        }
        case "CORS" -> cors = cors(filter.getCors());
        case DirectResponseFilter.TYPE -> directResponse = DirectResponseFilter.of(filter);
        default -> {
          // Reported by RouteValidator; such a rule is answered 500 and never reaches here.
        }
      }
    }
    if (requestHeaders == null
        && responseHeaders == null
        && redirect == null
        && rewrite == null
        && mirrors.isEmpty()
        && cors == null
        && directResponse == null) {
      return RouteFilters.NONE;
    }
    return new RouteFilters(
        requestHeaders, responseHeaders, redirect, rewrite, mirrors, cors, directResponse);
  }

  /** The request header filter of a backendRef's filters, or null. */
  static HeaderModifier backendRequestHeaders(List<HTTPRouteFilter> filters) {
    for (HTTPRouteFilter filter : filters) {
      if ("RequestHeaderModifier".equals(filter.getType())) {
        return headerModifier(filter.getRequestHeaderModifier());
      }
    }
    return null;
  }

  /** The response header filter of a backendRef's filters, or null. */
  static HeaderModifier backendResponseHeaders(List<HTTPRouteFilter> filters) {
    for (HTTPRouteFilter filter : filters) {
      if ("ResponseHeaderModifier".equals(filter.getType())) {
        return headerModifier(filter.getResponseHeaderModifier());
      }
    }
    return null;
  }

  static HeaderModifier headerModifier(HTTPHeaderFilter filter) {
    if (filter == null) {
      return null;
    }
    List<String> remove = new ArrayList<>();
    for (String name : filter.getRemove()) {
      remove.add(name.toLowerCase(Locale.ROOT));
    }
    return new HeaderModifier(headers(filter.getSet()), headers(filter.getAdd()), remove);
  }

  private static List<HeaderValue> headers(List<HTTPHeader> headers) {
    List<HeaderValue> values = new ArrayList<>(headers.size());
    for (HTTPHeader header : headers) {
      values.add(new HeaderValue(header.getName(), header.getValue()));
    }
    return values;
  }

  private static Redirect redirect(
      HTTPRequestRedirectFilter filter, int listenerPort, String listenerScheme) {
    String scheme = filter.getScheme();
    Integer port = filter.getPort();
    if (port == null) {
      port = scheme == null ? listenerPort : wellKnownPort(scheme, listenerPort);
    }
    String effectiveScheme = scheme == null ? listenerScheme : scheme;
    if (port == wellKnownPort(effectiveScheme, -1)) {
      port = null;
    }
    int status = filter.getStatusCode() == null ? 302 : filter.getStatusCode();
    return new Redirect(scheme, filter.getHostname(), port, path(filter.getPath()), status);
  }

  private static int wellKnownPort(String scheme, int otherwise) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> otherwise;
    };
  }

  private static Rewrite rewrite(HTTPURLRewriteFilter filter) {
    return new Rewrite(filter.getHostname(), path(filter.getPath()));
  }

  /**
   * The API's defaults filled in: no credentials unless asked, {@code maxAge} 5 seconds (what the
   * API server would default; standalone mode has no CRD defaulting).
   */
  private static Cors cors(HTTPCORSFilter filter) {
    return new Cors(
        filter.getAllowOrigins(),
        Boolean.TRUE.equals(filter.getAllowCredentials()),
        filter.getAllowMethods(),
        filter.getAllowHeaders(),
        filter.getExposeHeaders(),
        filter.getMaxAge() == null ? DEFAULT_CORS_MAX_AGE : filter.getMaxAge());
  }

  private static PathModifier path(HTTPPathModifier path) {
    if (path == null) {
      return null;
    }
    return "ReplacePrefixMatch".equals(path.getType())
        ? new PathModifier(PathModifierType.ReplacePrefixMatch, path.getReplacePrefixMatch())
        : new PathModifier(PathModifierType.ReplaceFullPath, path.getReplaceFullPath());
  }
}
