package dev.lintel.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.Cors;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
  private static final CorsPolicy LISTED =
      CorsPolicy.of(
          new Cors(
              List.of("https://www.foo.com", "https://*.bar.com", "http://local.test:8080"),
              true,
              List.of("GET", "OPTIONS"),
              List.of("x-header-1", "x-header-2"),
              List.of("x-header-3", "*"),
              3600));

  private static final CorsPolicy WILDCARDS =
      CorsPolicy.of(new Cors(List.of("*"), false, List.of("*"), List.of("*"), List.of("*"), 5));

  /** A request with a method and headers, as the proxy's routing sees it. */
  private static RequestAttributes request(String method, String... headerPairs) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i].toLowerCase(Locale.ROOT), headerPairs[i + 1]);
    }
    return new RequestAttributes() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
      }

      @Override
      public String target() {
        return "/";
      }
    };
  }

  private static String allowed(CorsPolicy policy, String origin) {
    return policy.allowedOrigin(request("GET", "Origin", origin));
  }

  @Test
  void exactOriginsMatchSchemeHostAndPortWithTheSchemesDefaultPort() {
    assertThat(allowed(LISTED, "https://www.foo.com")).isEqualTo("https://www.foo.com");
    assertThat(allowed(LISTED, "https://WWW.foo.com:443")).isEqualTo("https://WWW.foo.com:443");
    assertThat(allowed(LISTED, "http://local.test:8080")).isEqualTo("http://local.test:8080");
    assertThat(allowed(LISTED, "http://www.foo.com")).isNull();
    assertThat(allowed(LISTED, "https://www.foo.com:8443")).isNull();
    assertThat(allowed(LISTED, "http://local.test")).isNull();
    assertThat(allowed(LISTED, "https://foobar.com")).isNull();
    assertThat(LISTED.allowedOrigin(request("GET"))).isNull();
  }

  @Test
  void aWildcardHostStandsForOneOrMoreLabels() {
    assertThat(allowed(LISTED, "https://www.bar.com")).isEqualTo("https://www.bar.com");
    assertThat(allowed(LISTED, "https://xpto.www.bar.com")).isEqualTo("https://xpto.www.bar.com");
    assertThat(allowed(LISTED, "https://bar.com")).isNull();
    assertThat(allowed(LISTED, "https://evilbar.com")).isNull();
    assertThat(allowed(LISTED, "https://www.bar.com.evil.example")).isNull();
    assertThat(allowed(LISTED, "http://www.bar.com")).isNull();
  }

  @Test
  void anyOriginAllowsEveryWellFormedOriginAndNullButNoGarbage() {
    assertThat(allowed(WILDCARDS, "https://foobar.com:12345"))
        .isEqualTo("https://foobar.com:12345");
    assertThat(allowed(WILDCARDS, "http://[::1]:8080")).isEqualTo("http://[::1]:8080");
    assertThat(allowed(WILDCARDS, "null")).isEqualTo("null");
    assertThat(allowed(LISTED, "null")).isNull();
    for (String garbage :
        List.of(
            "https://a.example/path",
            "https://a.example:0",
            "https://a.example:123456",
            "https://a.example, https://b.example",
            "https://a.example\u0001",
            "a.example",
            "://a.example")) {
      assertThat(allowed(WILDCARDS, garbage)).as(garbage).isNull();
    }
  }

  @Test
  void onlyOptionsWithOriginAndRequestedMethodIsAPreflight() {
    assertThat(
            CorsPolicy.isPreflight(
                request("OPTIONS", "Origin", "https://a", "Access-Control-Request-Method", "GET")))
        .isTrue();
    assertThat(CorsPolicy.isPreflight(request("OPTIONS", "Origin", "https://a"))).isFalse();
    assertThat(CorsPolicy.isPreflight(request("OPTIONS", "Access-Control-Request-Method", "GET")))
        .isFalse();
    assertThat(
            CorsPolicy.isPreflight(
                request("GET", "Origin", "https://a", "Access-Control-Request-Method", "GET")))
        .isFalse();
  }

  @Test
  void preflightOfAListedPolicyNamesItsListsAndDropsTheExposeWildcardWithCredentials() {
    RequestAttributes preflight =
        request(
            "OPTIONS",
            "Origin",
            "https://www.bar.com",
            "Access-Control-Request-Method",
            "PUT",
            "Access-Control-Request-Headers",
            "x-other");

    assertThat(LISTED.preflightFields("https://www.bar.com", preflight))
        .isEqualTo(
            "access-control-allow-origin: https://www.bar.com\r\n"
                + "access-control-allow-credentials: true\r\n"
                + "access-control-allow-methods: GET, OPTIONS\r\n"
                + "access-control-allow-headers: x-header-1, x-header-2\r\n"
                + "access-control-expose-headers: x-header-3\r\n"
                + "access-control-max-age: 3600\r\n"
                + "vary: origin\r\n");
  }

  @Test
  void preflightOfWildcardsEchoesWhatWasAskedWhenItIsWellFormed() {
    RequestAttributes preflight =
        request(
            "OPTIONS",
            "Origin",
            "https://foobar.com",
            "Access-Control-Request-Method",
            "PUT",
            "Access-Control-Request-Headers",
            "x-header-1,  X-Header-2");
    assertThat(WILDCARDS.preflightFields("https://foobar.com", preflight))
        .isEqualTo(
            "access-control-allow-origin: https://foobar.com\r\n"
                + "access-control-allow-methods: PUT\r\n"
                + "access-control-allow-headers: x-header-1,  X-Header-2\r\n"
                + "access-control-expose-headers: *\r\n"
                + "access-control-max-age: 5\r\n"
                + "vary: origin\r\n");

    RequestAttributes odd =
        request(
            "OPTIONS",
            "Origin",
            "https://foobar.com",
            "Access-Control-Request-Method",
            "P UT",
            "Access-Control-Request-Headers",
            "x-a;x-b");
    assertThat(WILDCARDS.preflightFields("https://foobar.com", odd))
        .doesNotContain("access-control-allow-methods")
        .doesNotContain("access-control-allow-headers")
        .doesNotContain("P UT")
        .doesNotContain("x-a;x-b");
  }

  @Test
  void aRouteWithoutCorsHasNoPolicy() {
    assertThat(CorsPolicy.of(null)).isNull();
  }
}
