package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.Backend;
import dev.lintel.proxy.config.BackendProtocol;
import dev.lintel.proxy.config.BackendTls;
import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.Cors;
import dev.lintel.proxy.config.DirectResponse;
import dev.lintel.proxy.config.Endpoint;
import dev.lintel.proxy.config.HeaderModifier;
import dev.lintel.proxy.config.HeaderValue;
import dev.lintel.proxy.config.Listener;
import dev.lintel.proxy.config.Mirror;
import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.PathModifier;
import dev.lintel.proxy.config.PathModifierType;
import dev.lintel.proxy.config.Protocol;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.config.Redirect;
import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.Rewrite;
import dev.lintel.proxy.config.Route;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.SessionPersistence;
import dev.lintel.proxy.config.SessionPersistenceType;
import dev.lintel.proxy.config.SubjectAltName;
import dev.lintel.proxy.config.SubjectAltNameType;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.config.TlsEntry;
import dev.lintel.proxy.config.TlsListener;
import dev.lintel.proxy.config.TlsMode;
import dev.lintel.proxy.config.TlsRoute;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
import dev.lintel.proxy.config.VirtualHost;
import dev.lintel.proxy.config.WellKnownCaCertificates;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever strings and integers a model holds, the rendered text reads back as exactly
 * that model. Each case checks the unchecked render against the parser itself (so the assertion
 * does not rely on the gate it is meant to justify) and then the gated render.
 */
class ConfigRendererRoundTripTest {
  // Positions of the string fields in the arrays model() takes.
  private static final int GATEWAY = 0;
  private static final int LISTENER_NAME = 1;
  private static final int HOST_NAME = 2;
  private static final int HOSTNAME = 3;
  private static final int ROUTE_NAME = 4;
  private static final int PATH_VALUE = 5;
  private static final int BACKEND_NAME = 6;
  private static final int REJECTED = 7;
  private static final int ENDPOINT_HOST = 8;
  private static final int METHOD = 9;
  private static final int HEADER_NAME = 10;
  private static final int HEADER_VALUE = 11;
  private static final int QUERY_NAME = 12;
  private static final int QUERY_VALUE = 13;
  private static final int SET_NAME = 14;
  private static final int SET_VALUE = 15;
  private static final int REMOVE_NAME = 16;
  private static final int REDIRECT_HOST = 17;
  private static final int REWRITE_PATH = 18;
  private static final int DIRECT_BODY = 19;
  private static final int STRING_FIELDS = 20;

  private final ConfigRenderer renderer = new ConfigRenderer();
  private final ConfigParser parser = new ConfigParser();

  @Test
  void everyAdversarialStringInEveryStringFieldReadsBackUnchanged() throws Exception {
    List<String> corpus = AdversarialStrings.all();
    for (String value : corpus) {
      assertRoundTrips(everyStringField(value), value);
    }
    assertThat(corpus).hasSizeGreaterThan(300);
  }

  @Test
  void eachStringFieldAloneReadsBackUnchanged() throws Exception {
    // One field at a time too, so a failure names the field even if another one masks it.
    String value = "x\"\r\n\u2028- &a *a !!str # ${x} <#-- -->\u0000😀";
    for (int field = 0; field < STRING_FIELDS; field++) {
      assertRoundTrips(oneStringField(field, value), "field " + field);
    }
  }

  @Test
  void integerExtremesInEveryIntegerFieldReadBackUnchanged() throws Exception {
    for (int value :
        new int[] {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1_000_000, 65_535}) {
      assertRoundTrips(everyIntField(value), Integer.toString(value));
      assertThat(renderer.renderUnchecked(everyIntField(value)))
          .contains("\"port\":" + value + "}")
          .contains("\"weight\":" + value + ",");
    }
  }

  @Test
  void aValueCannotAddKeysOrReplaceTheListeners() throws Exception {
    ProxyConfig model = oneStringField(ROUTE_NAME, "x\"\nlisteners: []");

    ProxyConfig readBack = parser.read(renderer.render(model));

    assertThat(readBack.listeners()).hasSize(1);
    assertThat(readBack.listeners().get(0).virtualHosts().get(0).routes().get(0).name())
        .isEqualTo("x\"\nlisteners: []");
  }

  @Test
  void renderedTextIsPrintableAsciiWithValuesOnOneLine() {
    String text = renderer.renderUnchecked(everyStringField("a\nb\u2028c\u0085d😀"));

    assertThat(text.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c <= 0x7E));
    assertThat(text.lines()).noneMatch(line -> line.startsWith("b") || line.startsWith("c"));
  }

  @Test
  void loneSurrogateReadsBackUnchanged() throws Exception {
    // Not Unicode text (see AdversarialStrings), yet each unit is escaped on its own and neither
    // the JSON nor the YAML reader checks that escaped units pair up: the value survives as is.
    for (String value : List.of("\uD800", "\uDFFF", "a\uDC00b", "\uDBFF", "\uDE00\uD83D")) {
      assertRoundTrips(everyStringField(value), value);
    }
  }

  @Test
  void aDifferentModelFailsTheComparison() throws Exception {
    // Guards the property above against passing by construction: a changed value must be seen.
    ProxyConfig model = everyStringField("value");
    ProxyConfig other = everyStringField("valuE");
    assertThat(parser.read(renderer.render(model))).isNotEqualTo(other);
    assertThat(ModelDiff.firstDifference(model, parser.read(renderer.renderUnchecked(other))))
        .contains("gateway: expected \"value\" but read back \"valuE\"");
  }

  @Test
  void everyAdversarialStringInEveryCorsFieldReadsBackUnchanged() throws Exception {
    for (String value : AdversarialStrings.all()) {
      assertRoundTrips(withCors(everyStringField("v"), value, true, 1), value);
    }
    assertRoundTrips(withCors(everyStringField("v"), "x", false, Integer.MAX_VALUE), "false");
  }

  @Test
  void aBooleanIsRenderedAsJsonMarkup() {
    assertThat(renderer.renderUnchecked(withCors(everyStringField("v"), "x", true, 5)))
        .contains("\"allowCredentials\":true,");
    assertThat(renderer.renderUnchecked(withCors(everyStringField("v"), "x", false, 5)))
        .contains("\"allowCredentials\":false,");
  }

  /** {@code model} with a CORS filter holding {@code value} in each of its string lists. */
  private static ProxyConfig withCors(
      ProxyConfig model, String value, boolean credentials, int maxAge) {
    Cors cors =
        new Cors(
            List.of(value, "*"),
            credentials,
            List.of("GET", value),
            List.of(value),
            List.of(value, value),
            maxAge);
    Listener listener = model.listeners().get(0);
    VirtualHost host = listener.virtualHosts().get(0);
    Route route = host.routes().get(0);
    RouteFilters f = route.filters();
    Route withCors =
        new Route(
            route.name(),
            route.match(),
            new RouteFilters(
                f.requestHeaders(), f.responseHeaders(), f.redirect(), f.rewrite(), cors),
            route.timeouts(),
            route.backends());
    VirtualHost newHost = new VirtualHost(host.name(), host.hostnames(), List.of(withCors));
    return new ProxyConfig(
        model.version(),
        model.gateway(),
        List.of(
            new Listener(listener.name(), listener.port(), listener.protocol(), List.of(newHost))));
  }

  private void assertRoundTrips(ProxyConfig model, String description) throws Exception {
    String text = renderer.renderUnchecked(model);
    ProxyConfig readBack;
    try {
      readBack = parser.read(text);
    } catch (ConfigException e) {
      throw new AssertionError(
          "rendered text does not parse for " + JsonQuoting.quote(description) + ":\n" + text, e);
    }
    assertThat(readBack)
        .as(
            () ->
                "round trip of "
                    + JsonQuoting.quote(description)
                    + ": "
                    + ModelDiff.firstDifference(model, readBack))
        .isEqualTo(model);
    assertThat(readAsYaml(text)).as("YAML reading of the same text").isEqualTo(model);
    assertThat(renderer.render(model)).isEqualTo(text);
  }

  /**
   * The same text through the parser's YAML path: a leading document marker means the text no
   * longer starts with a brace. The renderer's text must mean the same to both readers.
   */
  private ProxyConfig readAsYaml(String text) throws ConfigException {
    assertThat(text).startsWith("{");
    return parser.read("---\n" + text);
  }

  /** {@code value} in every string field of the schema at once. */
  static ProxyConfig everyStringField(String value) {
    String[] fields = new String[STRING_FIELDS];
    Arrays.fill(fields, value);
    return model(fields, 8080, 1);
  }

  /** {@code value} in one string field, ordinary text everywhere else. */
  static ProxyConfig oneStringField(int field, String value) {
    String[] fields = {
      "ns/gw",
      "http",
      "http/host",
      "example.com",
      "ns/route/0/0",
      "/",
      "ns/svc:80",
      null,
      "10.0.0.1",
      "GET",
      "x-env",
      "canary",
      "id",
      "[0-9]+",
      "X-Set",
      "v",
      "x-remove",
      "example.org",
      "/new",
      "hello"
    };
    fields[field] = value;
    return model(fields, 8080, 1);
  }

  static ProxyConfig everyIntField(int value) {
    String[] fields = {
      "ns/gw",
      "http",
      "http/host",
      "example.com",
      "ns/route/0/0",
      "/",
      "ns/svc:80",
      null,
      "10.0.0.1",
      "GET",
      "x-env",
      "canary",
      "id",
      "[0-9]+",
      "X-Set",
      "v",
      "x-remove",
      "example.org",
      "/new",
      "hello"
    };
    return new ProxyConfig(value, fields[GATEWAY], model(fields, value, value).listeners());
  }

  private static ProxyConfig model(String[] s, int port, int weight) {
    Backend rejected = new Backend(s[BACKEND_NAME], weight, List.of(), s[REJECTED]);
    HeaderModifier headers =
        new HeaderModifier(
            List.of(new HeaderValue(s[SET_NAME], s[SET_VALUE])),
            List.of(new HeaderValue(s[SET_NAME], s[SET_VALUE])),
            List.of(s[REMOVE_NAME]));
    RouteFilters filters =
        new RouteFilters(
            headers,
            headers,
            new Redirect(
                s[METHOD],
                s[REDIRECT_HOST],
                port,
                new PathModifier(PathModifierType.ReplaceFullPath, s[REWRITE_PATH]),
                weight),
            new Rewrite(
                s[REDIRECT_HOST],
                new PathModifier(PathModifierType.ReplacePrefixMatch, s[REWRITE_PATH])),
            List.of(new Mirror(rejected, port, weight)),
            null,
            new DirectResponse(weight, s[DIRECT_BODY]));
    Backend served =
        new Backend(
            s[BACKEND_NAME],
            weight,
            List.of(new Endpoint(s[ENDPOINT_HOST], port), new Endpoint("10.0.0.2", port)),
            null,
            headers,
            headers,
            BackendProtocol.H2C,
            // Every string of a backend's TLS is a user value too (policy hostname, SANs, names).
            new BackendTls(
                s[HOSTNAME],
                List.of(s[BACKEND_NAME], s[GATEWAY]),
                WellKnownCaCertificates.System,
                List.of(
                    new SubjectAltName(SubjectAltNameType.Hostname, s[REDIRECT_HOST]),
                    new SubjectAltName(SubjectAltNameType.URI, s[REWRITE_PATH])),
                s[HOST_NAME]));
    Route route =
        new Route(
            s[ROUTE_NAME],
            new RouteMatch(
                new PathMatch(PathMatchType.Exact, s[PATH_VALUE]),
                s[METHOD],
                List.of(new ValueMatch(ValueMatchType.Exact, s[HEADER_NAME], s[HEADER_VALUE])),
                List.of(
                    new ValueMatch(
                        ValueMatchType.RegularExpression, s[QUERY_NAME], s[QUERY_VALUE]))),
            filters,
            new Timeouts(weight, port),
            new Retry(List.of(port, weight), weight, port),
            new SessionPersistence(
                SessionPersistenceType.Cookie, s[HEADER_NAME], s[PATH_VALUE], port),
            List.of(served, rejected));
    VirtualHost host =
        new VirtualHost(s[HOST_NAME], List.of(s[HOSTNAME], "other.example.com"), List.of(route));
    // The TLS entries carry user strings too (a listener hostname, Secret names); the parser's
    // schema does not care that only HTTPS listeners may have them.
    List<TlsEntry> tls =
        List.of(
            new TlsEntry(s[HOSTNAME], List.of(s[HOST_NAME], s[BACKEND_NAME])),
            new TlsEntry(null, List.of(s[GATEWAY])));
    // TLS listeners and their routes carry user strings as well (hostnames, Secret and route
    // names, backends).
    List<TlsListener> tlsListeners =
        List.of(
            new TlsListener(
                s[HOSTNAME],
                TlsMode.Terminate,
                List.of(s[HOST_NAME]),
                List.of(new TlsRoute(s[ROUTE_NAME], List.of(s[HOSTNAME]), List.of(served)))),
            new TlsListener(
                null,
                TlsMode.Passthrough,
                List.of(),
                List.of(new TlsRoute(s[GATEWAY], List.of(s[HOST_NAME]), List.of(rejected)))));
    return new ProxyConfig(
        1,
        s[GATEWAY],
        List.of(
            new Listener(
                s[LISTENER_NAME], port, Protocol.HTTPS, List.of(host), tls, null, tlsListeners)));
  }
}
