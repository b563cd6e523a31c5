package dev.lintel.proxy.routing;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.exact;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static dev.lintel.proxy.testing.Configs.matching;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Method, header, query and regular-expression path conditions, and how they fall through. */
class RouteConditionsTest {
  private static ListenerRoutes table(Route... routes) throws ConfigException {
    return RoutingCompiler.compile(config(listener(80, vhost(List.of("h"), routes)))).listener(80);
  }

  private static RouteMatch match(
      PathMatch path, String method, List<ValueMatch> headers, List<ValueMatch> query) {
    return new RouteMatch(path, method, headers, query);
  }

  private static PathMatch prefixPath(String value) {
    return new PathMatch(PathMatchType.PathPrefix, value);
  }

  private static ValueMatch exactValue(String name, String value) {
    return new ValueMatch(ValueMatchType.Exact, name, value);
  }

  private static ValueMatch regexValue(String name, String value) {
    return new ValueMatch(ValueMatchType.RegularExpression, name, value);
  }

  /** A request with headers (names in lower case), as the proxy's adapter presents one. */
  private static RequestAttributes request(String method, String target, Map<String, String> h) {
    return new RequestAttributes() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String header(String lowerCaseName) {
        return h.get(lowerCaseName);
      }

      @Override
      public String target() {
        return target;
      }
    };
  }

  private static String routed(ListenerRoutes routes, RequestAttributes request) {
    CompiledRoute route = routes.find("h", request);
    return route == null ? null : route.name();
  }

  @Test
  void headersAreAndedAndFallThroughToTheNextCandidate() throws ConfigException {
    ListenerRoutes routes =
        table(
            matching(
                "both",
                match(
                    prefixPath("/"),
                    null,
                    List.of(exactValue("version", "one"), exactValue("color", "orange")),
                    List.of()),
                backend("b", 1, local(1))),
            matching(
                "version",
                match(prefixPath("/"), null, List.of(exactValue("version", "one")), List.of()),
                backend("b", 1, local(1))),
            prefix("any", "/", backend("b", 1, local(1))));
    assertThat(routed(routes, request("GET", "/", Map.of("version", "one", "color", "orange"))))
        .isEqualTo("both");
    assertThat(routed(routes, request("GET", "/", Map.of("version", "one", "color", "blue"))))
        .isEqualTo("version");
    assertThat(routed(routes, request("GET", "/", Map.of("version", "One"))))
        .as("header values are case-sensitive")
        .isEqualTo("any");
    assertThat(routed(routes, request("GET", "/", Map.of()))).isEqualTo("any");
  }

  @Test
  void aLongerPathWinsBeforeConditionsAreWeighed() throws ConfigException {
    ListenerRoutes routes =
        table(
            prefix("long", "/foo", backend("b", 1, local(1))),
            matching(
                "short-with-header",
                match(prefixPath("/"), null, List.of(exactValue("x", "1")), List.of()),
                backend("b", 1, local(1))));
    assertThat(routed(routes, request("GET", "/foo/bar", Map.of("x", "1")))).isEqualTo("long");
    assertThat(routed(routes, request("GET", "/other", Map.of("x", "1"))))
        .isEqualTo("short-with-header");
    assertThat(routed(routes, request("GET", "/other", Map.of()))).isNull();
  }

  @Test
  void methodIsCaseSensitiveAndQueryParametersCompareAsSent() throws ConfigException {
    ListenerRoutes routes =
        table(
            matching(
                "post",
                match(prefixPath("/"), "POST", List.of(), List.of()),
                backend("b", 1, local(1))),
            matching(
                "query",
                match(
                    prefixPath("/"),
                    null,
                    List.of(),
                    List.of(exactValue("animal", "whale"), regexValue("id", "[0-9]+"))),
                backend("b", 1, local(1))));
    assertThat(routed(routes, request("POST", "/", Map.of()))).isEqualTo("post");
    assertThat(routed(routes, request("post", "/", Map.of()))).isNull();
    assertThat(routed(routes, request("GET", "/?id=42&animal=whale", Map.of()))).isEqualTo("query");
    assertThat(routed(routes, request("GET", "/p?animal=whale&id=4x2", Map.of())))
        .as("the regular expression must match the whole value")
        .isNull();
    assertThat(routed(routes, request("GET", "/?animal=whale&id=1&animal=dolphin", Map.of())))
        .as("the first of a repeated parameter counts")
        .isEqualTo("query");
    assertThat(routed(routes, request("GET", "/?animal=dolphin&animal=whale&id=1", Map.of())))
        .isNull();
    assertThat(routed(routes, request("GET", "/?Animal=whale&id=1", Map.of())))
        .as("parameter names are case-sensitive")
        .isNull();
    assertThat(routed(routes, request("GET", "/?animal=whale&id=1#frag", Map.of())))
        .isEqualTo("query");
  }

  @Test
  void regularExpressionPathsRankBetweenExactAndPrefixAndMatchTheWholePath()
      throws ConfigException {
    ListenerRoutes routes =
        table(
            exact("exact", "/v2/items", backend("b", 1, local(1))),
            matching(
                "regex",
                RouteMatch.path(new PathMatch(PathMatchType.RegularExpression, "/v[0-9]+/.*")),
                backend("b", 1, local(1))),
            prefix("prefix", "/v2", backend("b", 1, local(1))));
    assertThat(routed(routes, request("GET", "/v2/items", Map.of()))).isEqualTo("exact");
    assertThat(routed(routes, request("GET", "/v2/other?q=1", Map.of()))).isEqualTo("regex");
    assertThat(routed(routes, request("GET", "/v2", Map.of()))).isEqualTo("prefix");
    assertThat(routed(routes, request("GET", "/x/v2/other", Map.of()))).isNull();
  }

  @Test
  void headerRegularExpressionsMatchTheWholeValue() throws ConfigException {
    ListenerRoutes routes =
        table(
            matching(
                "regex",
                match(prefixPath("/"), null, List.of(regexValue("version", "v[12]")), List.of()),
                backend("b", 1, local(1))));
    assertThat(routed(routes, request("GET", "/", Map.of("version", "v2")))).isEqualTo("regex");
    assertThat(routed(routes, request("GET", "/", Map.of("version", "v21")))).isNull();
    assertThat(routed(routes, request("GET", "/", Map.of("version", "xv1")))).isNull();
  }
}
