package dev.lintel.proxy.server;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.local;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.SessionPersistence;
import dev.lintel.proxy.config.SessionPersistenceType;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.echo.EchoServer;
import dev.lintel.proxy.testing.RawHttpClient;
import dev.lintel.proxy.testing.RawHttpClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session persistence end to end: one backend of three real echo endpoints behind the proxy. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionPersistenceIT {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SessionPersistence COOKIE =
      new SessionPersistence(SessionPersistenceType.Cookie, "sticky", "/app", null);
  private static final List<String> NAMES = List.of("a", "b", "c");
  private static final EchoServer[] ECHOES = new EchoServer[NAMES.size()];

  private ProxyServer proxy;
  private int port;

  @BeforeAll
  static void startBackends() {
    for (int i = 0; i < ECHOES.length; i++) {
      ECHOES[i] = new EchoServer(LOOPBACK, 0, NAMES.get(i));
      ECHOES[i].start();
    }
  }

  @AfterAll
  static void stopBackends() {
    for (EchoServer echo : ECHOES) {
      echo.close();
    }
  }

  @AfterEach
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static ProxyConfig sticky(SessionPersistence session, EchoServer... endpoints) {
    Endpoint[] locals = new Endpoint[endpoints.length];
    for (int i = 0; i < endpoints.length; i++) {
      locals[i] = local(endpoints[i].port());
    }
    Route route =
        new Route(
            "default/sticky/rule-0/match-0",
            RouteMatch.path(new PathMatch(PathMatchType.PathPrefix, "/app")),
            RouteFilters.NONE,
            Timeouts.NONE,
            null,
            session,
            List.of(backend("default/echo:80", 1, locals)));
    return config(listener(8080, anyHost(route)));
  }

  private void start(ProxyConfig config) throws Exception {
    proxy =
        new ProxyServer(
            ProxyOptions.defaults()
                .withBindAddress(LOOPBACK)
                .withPortMapping(p -> 0)
                .withEventLoopThreads(1)
                .withUpstreamResponseTimeout(Duration.ofSeconds(5)));
    proxy.apply(config);
    port = proxy.boundPorts().get(8080);
  }

  private Response get(String extraHeaders) throws IOException {
    return RawHttpClient.exchange(
        port,
        "GET /app/page HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n"
            + extraHeaders
            + "\r\n");
  }

  private static String echoName(Response response) throws IOException {
    assertThat(response.status()).isEqualTo(200);
    return JSON.readTree(response.body()).get("name").asText();
  }

  /** {@code name=value} of a {@code Set-Cookie} header. */
  private static String cookiePair(Response response) {
    String setCookie = response.header("set-cookie");
    assertThat(setCookie).isNotNull();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void aCookieKeepsFiftyRequestsOnTheEndpointThatAnsweredFirst() throws Exception {
    start(sticky(COOKIE, ECHOES));
    Response first = get("");
    String setCookie = first.header("set-cookie");
    assertThat(setCookie).matches("sticky=[A-Za-z0-9_-]{22}; Path=/app; HttpOnly");
    String pod = echoName(first);
    String cookie = cookiePair(first);
    for (int i = 0; i < 50; i++) {
      Response next = get("Cookie: other=1; " + cookie + "; more=2\r\n");
      assertThat(echoName(next)).as("request %d", i).isEqualTo(pod);
      assertThat(next.header("set-cookie")).as("a live session is not given a new cookie").isNull();
    }
  }

  @Test
  void requestsWithoutACookieAreSpreadAndEachGetsACookie() throws Exception {
    start(sticky(COOKIE, ECHOES));
    Set<String> seen = new HashSet<>();
    Set<String> cookies = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      Response response = get("");
      seen.add(echoName(response));
      cookies.add(cookiePair(response));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(cookies).as("one token per endpoint").hasSize(3);
  }

  @Test
  void aBogusOrForeignTokenIsPickedAnewAndGivenAValidCookie() throws Exception {
    start(sticky(COOKIE, ECHOES));
    for (String bogus : List.of("sticky=AAAAAAAAAAAAAAAAAAAAAA", "sticky=127.0.0.1:1", "sticky=")) {
      Response response = get("Cookie: " + bogus + "\r\n");
      String pod = echoName(response);
      String cookie = cookiePair(response);
      assertThat(cookie).isNotEqualTo(bogus);
      for (int i = 0; i < 5; i++) {
        assertThat(echoName(get("Cookie: " + cookie + "\r\n"))).isEqualTo(pod);
      }
    }
  }

  @Test
  void cookieNamesAreCaseSensitive() throws Exception {
    start(sticky(COOKIE, ECHOES));
    String cookie = cookiePair(get(""));
    Response other = get("Cookie: STICKY" + cookie.substring("sticky".length()) + "\r\n");
    assertThat(other.header("set-cookie")).as("not our cookie: a new session").isNotNull();
  }

  @Test
  void aTokenOfAnEndpointThatIsGoneIsPickedAnew() throws Exception {
    start(sticky(COOKIE, ECHOES));
    Response first = get("");
    String pod = echoName(first);
    String cookie = cookiePair(first);
    List<EchoServer> left = new java.util.ArrayList<>();
    for (int i = 0; i < ECHOES.length; i++) {
      if (!NAMES.get(i).equals(pod)) {
        left.add(ECHOES[i]);
      }
    }
    proxy.apply(sticky(COOKIE, left.toArray(new EchoServer[0])));
    Response moved = get("Cookie: " + cookie + "\r\n");
    String newPod = echoName(moved);
    assertThat(newPod).isNotEqualTo(pod);
    String newCookie = cookiePair(moved);
    assertThat(newCookie).isNotEqualTo(cookie);
    for (int i = 0; i < 10; i++) {
      assertThat(echoName(get("Cookie: " + newCookie + "\r\n"))).isEqualTo(newPod);
    }
  }

  @Test
  void aReloadThatKeepsTheEndpointKeepsTheSession() throws Exception {
    start(sticky(COOKIE, ECHOES));
    Response first = get("");
    String pod = echoName(first);
    String cookie = cookiePair(first);
    proxy.apply(sticky(COOKIE, ECHOES[2], ECHOES[1], ECHOES[0]));
    for (int i = 0; i < 10; i++) {
      Response next = get("Cookie: " + cookie + "\r\n");
      assertThat(echoName(next)).isEqualTo(pod);
      assertThat(next.header("set-cookie")).isNull();
    }
  }

  @Test
  void aPermanentCookieHasAMaxAge() throws Exception {
    start(sticky(new SessionPersistence(SessionPersistenceType.Cookie, "keep", "/", 3600), ECHOES));
    assertThat(get("").header("set-cookie"))
        .matches("keep=[A-Za-z0-9_-]{22}; Path=/; Max-Age=3600; HttpOnly");
  }

  @Test
  void aHeaderSessionTravelsInTheNamedHeader() throws Exception {
    start(
        sticky(
            new SessionPersistence(SessionPersistenceType.Header, "X-Session", null, null),
            ECHOES));
    Response first = get("");
    assertThat(first.header("set-cookie")).isNull();
    String token = first.header("x-session");
    assertThat(token).matches("[A-Za-z0-9_-]{22}");
    String pod = echoName(first);
    for (int i = 0; i < 20; i++) {
      Response next = get("x-session: " + token + "\r\n");
      assertThat(echoName(next)).isEqualTo(pod);
      assertThat(next.header("x-session")).isNull();
    }
  }

  @Test
  void aRouteWithoutSessionPersistenceSetsNoCookie() throws Exception {
    start(sticky(null, ECHOES));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      Response response = get("");
      assertThat(response.header("set-cookie")).isNull();
      seen.add(echoName(response));
    }
    assertThat(seen).hasSize(3);
  }
}
