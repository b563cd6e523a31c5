package dev.lintel.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two syntaxes of the config text: the JSON the operator renders and hand-written YAML must
 * read into the same records under the same rules, and every error must name where it is.
 */
class ConfigParserTest {
  private static final String JSON =
      """
      {"version":1,"gateway":"default/gw","listeners":[
      {"name":"http","port":8080,"protocol":"HTTP","tls":[],"clientValidation":null,"tlsListeners":[],\
      "virtualHosts":[
      {"name":"http/a","hostnames":["a.example.com","*.b.example.com"],"routes":[
      {"name":"default/a/0/0","match":{"path":{"type":"PathPrefix","value":"/api"},"method":"GET",\
      "headers":[{"type":"Exact","name":"x-env","value":"canary"}],\
      "queryParams":[{"type":"RegularExpression","name":"id","value":"[0-9]+"}]},\
      "filters":{"requestHeaders":null,"responseHeaders":null,"redirect":null,"rewrite":null,\
      "mirrors":[],"cors":null,"directResponse":null},\
      "timeouts":{"requestMillis":null,"backendRequestMillis":null},"retry":null,"sessionPersistence":null,\
      "backends":[{"name":"default/a:80","weight":90,"endpoints":[{"host":"10.0.0.1","port":8080},\
      {"host":"10.0.0.2","port":8080}],"rejected":null,"requestHeaders":null,\
      "responseHeaders":null,"protocol":"H2C","tls":null},{"name":"default/gone:80","weight":10,\
      "endpoints":[],"rejected":"BackendNotFound: caf\\u00E9 \\uD83D\\uDE00",\
      "requestHeaders":null,"responseHeaders":null,"protocol":"HTTP1","tls":null}]},
      {"name":"default/b/0/0","match":{"path":{"type":"Exact","value":"/"},"method":null,\
      "headers":[],"queryParams":[]},"filters":{"requestHeaders":null,\
      "responseHeaders":null,"redirect":null,"rewrite":null,\
      "mirrors":[],"cors":null,"directResponse":null},"timeouts":{"requestMillis":null,"backendRequestMillis":null},"retry":null,"sessionPersistence":null,\
      "backends":[]}
      ]},
      {"name":"http/any","hostnames":["*"],"routes":[]}
      ]}
      ]}
      """;

  private static final String YAML =
      """
      # Hand-written: block style, comments, unquoted scalars.
      version: 1
      gateway: default/gw
      listeners:
        - name: http
          port: 8080
          protocol: HTTP
          tls: []
          clientValidation: null
          tlsListeners: []
          virtualHosts:
            - name: http/a
              hostnames: [a.example.com, "*.b.example.com"]
              routes:
                - name: default/a/0/0
                  match:
                    path: {type: PathPrefix, value: /api}
                    method: GET
                    headers: [{type: Exact, name: x-env, value: canary}]
                    queryParams:
                      - {type: RegularExpression, name: id, value: "[0-9]+"}
                  filters:
                    requestHeaders: null
                    responseHeaders: null
                    redirect: null
                    rewrite: null
                    mirrors: []
                    cors: null
                    directResponse: null
                  timeouts: {requestMillis: null, backendRequestMillis: null}
                  retry: null
                  sessionPersistence: null
                  backends:
                    - name: default/a:80
                      weight: 90
                      endpoints:
                        - {host: 10.0.0.1, port: 8080}
                        - {host: 10.0.0.2, port: 8080}
                      rejected: null
                      requestHeaders: null
                      responseHeaders: null
                      protocol: H2C
                      tls: null
                    - name: default/gone:80
                      weight: 10
                      endpoints: []
                      rejected: "BackendNotFound: caf\\u00E9 \\U0001F600"
                      requestHeaders: null
                      responseHeaders: null
                      protocol: HTTP1
                      tls: null
                - name: default/b/0/0
                  match:
                    path: {type: Exact, value: /}
                    method: null
                    headers: []
                    queryParams: []
                  filters:
                    requestHeaders: null
                    responseHeaders: null
                    redirect: null
                    rewrite: null
                    mirrors: []
                    cors: null
                    directResponse: null
                  timeouts: {requestMillis: null, backendRequestMillis: null}
                  retry: null
                  sessionPersistence: null
                  backends: []
            - name: http/any
              hostnames: ["*"]
              routes: []
      """;

  private static final ProxyConfig EXPECTED =
      new ProxyConfig(
          1,
          "default/gw",
          List.of(
              new Listener(
                  "http",
                  8080,
                  Protocol.HTTP,
                  List.of(
                      new VirtualHost(
                          "http/a",
                          List.of("a.example.com", "*.b.example.com"),
                          List.of(
                              new Route(
                                  "default/a/0/0",
                                  new RouteMatch(
                                      new PathMatch(PathMatchType.PathPrefix, "/api"),
                                      "GET",
                                      List.of(
                                          new ValueMatch(ValueMatchType.Exact, "x-env", "canary")),
                                      List.of(
                                          new ValueMatch(
                                              ValueMatchType.RegularExpression, "id", "[0-9]+"))),
                                  List.of(
                                      new Backend(
                                              "default/a:80",
                                              90,
                                              List.of(
                                                  new Endpoint("10.0.0.1", 8080),
                                                  new Endpoint("10.0.0.2", 8080)),
                                              null)
                                          .withProtocol(BackendProtocol.H2C),
                                      new Backend(
                                          "default/gone:80",
                                          10,
                                          List.of(),
                                          "BackendNotFound: caf\u00e9 \ud83d\ude00"))),
                              new Route(
                                  "default/b/0/0",
                                  RouteMatch.path(new PathMatch(PathMatchType.Exact, "/")),
                                  List.of()))),
                      new VirtualHost("http/any", List.of("*"), List.of())))));

  private final ConfigParser parser = new ConfigParser();

  @Test
  void jsonAndYamlReadAsTheSameRecords() throws Exception {
    assertThat(ConfigParser.isJson(JSON)).isTrue();
    assertThat(ConfigParser.isJson(YAML)).isFalse();

    assertThat(parser.parse(JSON)).isEqualTo(EXPECTED);
    assertThat(parser.parse(YAML)).isEqualTo(EXPECTED);
    // JSON is YAML: the YAML reader alone reads the JSON text as the same records.
    assertThat(parser.readYaml(JSON)).isEqualTo(EXPECTED);
  }

  @Test
  void leadingJsonWhitespaceStillSelectsJson() throws Exception {
    assertThat(ConfigParser.isJson(" \r\n\t{}")).isTrue();
    assertThat(ConfigParser.isJson("")).isFalse();
    assertThat(ConfigParser.isJson("---\n{}")).isFalse();
    assertThat(parser.parse("\n\n  " + JSON)).isEqualTo(EXPECTED);
  }

  @Test
  void unknownFieldIsNamedByPath() {
    String text = JSON.replace("\"hostnames\":[\"*\"]", "\"hostnames\":[\"*\"],\"colour\":\"red\"");

    assertThatThrownBy(() -> parser.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "listeners[0].virtualHosts[1].colour: Unrecognized field \"colour\"");
  }

  @Test
  void duplicateKeyIsNamedByPath() {
    String text = JSON.replace("{\"host\":\"10.0.0.2\"", "{\"host\":\"x\",\"host\":\"10.0.0.2\"");

    assertThatThrownBy(() -> parser.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "malformed config at listeners[0].virtualHosts[0].routes[0].backends[0].endpoints[1]"
                + ".host: Duplicate field 'host'");
  }

  @Test
  void duplicateKeyInYamlIsNamedTheSameWay() {
    String text = YAML.replace("    port: 8080\n", "    port: 8080\n    port: 8081\n");

    assertThatThrownBy(() -> parser.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessage("malformed config at listeners[0].port: Duplicate field 'port'");
  }

  @Test
  void stringForAnIntIsNotCoerced() {
    String text = JSON.replace("\"port\":8080,\"protocol\"", "\"port\":\"8080\",\"protocol\"");

    assertThatThrownBy(() -> parser.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("listeners[0].port: Cannot coerce String value");
  }

  @Test
  void numberForAnEnumAndNullForAnIntAreRefused() {
    assertThatThrownBy(() -> parser.read(JSON.replace("\"protocol\":\"HTTP\"", "\"protocol\":0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("listeners[0].protocol: ");
    assertThatThrownBy(() -> parser.read(JSON.replace("\"weight\":90", "\"weight\":null")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("listeners[0].virtualHosts[0].routes[0].backends[0].weight: ");
  }

  @Test
  void fractionForAnIntIsRefusedInBothSyntaxes() {
    assertThatThrownBy(() -> parser.read(JSON.replace("\"weight\":90", "\"weight\":90.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("listeners[0].virtualHosts[0].routes[0].backends[0].weight: ");
    assertThatThrownBy(() -> parser.read(YAML.replace("weight: 90", "weight: 90.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("listeners[0].virtualHosts[0].routes[0].backends[0].weight: ");
  }

  @Test
  void missingFieldIsNamedByPath() {
    String text = JSON.replace(",\"rejected\":null", "");

    assertThatThrownBy(() -> parser.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "listeners[0].virtualHosts[0].routes[0].backends[0].rejected: Missing creator"
                + " property 'rejected'");
  }

  @Test
  void trailingGarbageAfterTheObjectIsRefused() {
    assertThatThrownBy(() -> parser.read(JSON + "x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("malformed config at (root): Unrecognized token 'x'");
    assertThatThrownBy(() -> parser.read(JSON + "{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("(root): Trailing token");
  }

  @Test
  void commentsAndOtherJsonExtensionsAreRefused() {
    // Each would be fine in YAML, but a text starting with a brace is read as strict JSON.
    assertThatThrownBy(() -> parser.read("{\"version\":1, // c\n\"gateway\":\"g\"}"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parser.read("{'version':1,\"gateway\":\"g\",\"listeners\":[]}"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parser.read("{version: 1, gateway: g, listeners: []}"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parser.read("{\"version\":1,\"gateway\":\"g\",\"listeners\":[],}"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void syntaxErrorInsideTheTreeNamesWhereTheParserStood() {
    String text = JSON.replace("\"weight\":90", "\"weight\":9 0");

    assertThatThrownBy(() -> parser.read(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "malformed config at listeners[0].virtualHosts[0].routes[0].backends[0]");
  }

  @Test
  void emptyTextIsRefused() {
    assertThatThrownBy(() -> parser.read("")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> parser.read("  \n")).isInstanceOf(ConfigException.class);
  }

  @Test
  void semanticChecksApplyToJsonToo() {
    String text = JSON.replace("\"port\":8080,\"protocol\"", "\"port\":0,\"protocol\"");

    assertThat(ConfigParser.isJson(text)).isTrue();
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessage("listeners[0].port: 0 is not in 1..65535");
  }

  @Test
  void sessionPersistenceIsReadAndChecked() throws Exception {
    String none = "\"retry\":null,\"sessionPersistence\":null,\"backends\":[{";
    String cookie =
        "\"retry\":null,\"sessionPersistence\":{\"type\":\"Cookie\",\"name\":\"sticky\","
            + "\"cookiePath\":\"/api\",\"maxAgeSeconds\":3600},\"backends\":[{";
    Route route =
        parser
            .parse(JSON.replace(none, cookie))
            .listeners()
            .get(0)
            .virtualHosts()
            .get(0)
            .routes()
            .get(0);
    assertThat(route.sessionPersistence())
        .isEqualTo(new SessionPersistence(SessionPersistenceType.Cookie, "sticky", "/api", 3600));

    String at = "listeners[0].virtualHosts[0].routes[0].sessionPersistence.";
    assertRefused(
        none, cookie.replace("sticky", "two words"), at + "name: 'two words' is not an HTTP token");
    assertRefused(
        none,
        cookie.replace("\"/api\"", "\"/api; Domain=evil\""),
        at + "cookiePath: '/api; Domain=evil' is not a cookie path");
    assertRefused(
        none,
        cookie.replace("\"/api\"", "null"),
        at + "cookiePath: set for cookies, and only for cookies");
    assertRefused(
        none,
        cookie.replace("Cookie", "Header").replace("\"/api\"", "null"),
        at + "maxAgeSeconds: 3600 is not a cookie's positive age");
    assertRefused(
        none, cookie.replace("3600", "0"), at + "maxAgeSeconds: 0 is not a cookie's positive age");
  }

  @Test
  void matchConditionsAreCheckedAndErrorsNameTheField() {
    String route0 = "listeners[0].virtualHosts[0].routes[0].match.";
    assertRefused(
        "\"value\":\"[0-9]+\"",
        "\"value\":\"[0-9\"",
        route0 + "queryParams[0].value: '[0-9' is not a valid RE2 expression");
    assertRefused(
        "\"name\":\"x-env\"",
        "\"name\":\"X-Env\"",
        route0 + "headers[0].name: 'X-Env' is not a lower-case header name");
    assertRefused(
        "\"method\":\"GET\"",
        "\"method\":\"G E T\"",
        route0 + "method: 'G E T' is not an HTTP method");
    assertRefused(
        "\"type\":\"Exact\",\"value\":\"/\"",
        "\"type\":\"RegularExpression\",\"value\":\"(\"",
        "listeners[0].virtualHosts[0].routes[1].match.path.value: '(' is not a valid RE2 expression");
  }

  /** What follows the filters of route 1 in {@link #JSON}, where the CORS tests put theirs. */
  private static final String ROUTE_1_REST =
      "\"timeouts\":{\"requestMillis\":null,\"backendRequestMillis\":null},\"retry\":null,\"sessionPersistence\":null,\"backends\":[]}";

  private static final String NO_CORS =
      "\"mirrors\":[],\"cors\":null,\"directResponse\":null}," + ROUTE_1_REST;

  private static String cors(String origins, String methods, String headers, int maxAge) {
    return "\"mirrors\":[],\"cors\":{\"allowOrigins\":"
        + origins
        + ",\"allowCredentials\":true,\"allowMethods\":"
        + methods
        + ",\"allowHeaders\":"
        + headers
        + ",\"exposeHeaders\":[\"x-total\"],\"maxAgeSeconds\":"
        + maxAge
        + "},\"directResponse\":null},"
        + ROUTE_1_REST;
  }

  @Test
  void corsIsReadWithABooleanAndItsValuesAreCheckedByPath() throws Exception {
    String valid =
        cors("[\"https://*.example.com\",\"http://localhost:8080\"]", "[\"GET\"]", "[\"*\"]", 600);
    ProxyConfig config = parser.parse(JSON.replace(NO_CORS, valid));
    assertThat(config.listeners().get(0).virtualHosts().get(0).routes().get(1).filters().cors())
        .isEqualTo(
            new Cors(
                List.of("https://*.example.com", "http://localhost:8080"),
                true,
                List.of("GET"),
                List.of("*"),
                List.of("x-total"),
                600));

    String at = "listeners[0].virtualHosts[0].routes[1].filters.cors.";
    String methods = "[\"GET\"]";
    String headers = "[\"x-a\"]";
    assertRefused(
        NO_CORS,
        cors("[\"https://a.example\\r\\nx-injected: 1\"]", methods, headers, 5),
        at + "allowOrigins[0]: 'https://a.example");
    assertRefused(
        NO_CORS,
        cors("[\"*\",\"https://a.example\"]", methods, headers, 5),
        at + "allowOrigins[0]: '*' cannot be listed with other origins");
    for (String origin :
        List.of("ftp://a.example", "https://a.example/", "https://a.example:70000", "a.example")) {
      assertRefused(
          NO_CORS,
          cors("[\"" + origin + "\"]", methods, headers, 5),
          at + "allowOrigins[0]: '" + origin + "' is not an origin");
    }
    assertRefused(
        NO_CORS, cors("[\"*\"]", "[\"GET\\r\\nX: y\"]", headers, 5), at + "allowMethods[0]: 'GET");
    assertRefused(
        NO_CORS,
        cors("[\"*\"]", "[\"*\",\"GET\"]", headers, 5),
        at + "allowMethods[0]: '*' cannot be listed with other methods");
    assertRefused(
        NO_CORS,
        cors("[\"*\"]", methods, "[\"x a\"]", 5),
        at + "allowHeaders[0]: 'x a' is not a header name");
    assertRefused(
        NO_CORS,
        cors("[\"*\"]", methods, headers, 0),
        at + "maxAgeSeconds: 0 is not a positive number of seconds");
    assertRefused(
        NO_CORS,
        cors("[\"*\"]", methods, headers, 5).replace("true", "\"true\""),
        at + "allowCredentials");
  }

  @Test
  void aDirectResponseIsReadAndItsStatusBodyAndCompanionsAreChecked() throws Exception {
    String direct = "\"mirrors\":[],\"cors\":null,\"directResponse\":";
    ProxyConfig config =
        parser.parse(
            JSON.replace(
                NO_CORS, direct + "{\"statusCode\":403,\"body\":\"no\"}}," + ROUTE_1_REST));
    assertThat(
            config
                .listeners()
                .get(0)
                .virtualHosts()
                .get(0)
                .routes()
                .get(1)
                .filters()
                .directResponse())
        .isEqualTo(new DirectResponse(403, "no"));

    String at = "listeners[0].virtualHosts[0].routes[1].filters.directResponse";
    assertRefused(
        NO_CORS,
        direct + "{\"statusCode\":103,\"body\":null}}," + ROUTE_1_REST,
        at + ".statusCode: 103 is not in 200..599");
    assertRefused(
        NO_CORS,
        direct + "{\"statusCode\":204,\"body\":\"x\"}}," + ROUTE_1_REST,
        at + ".body: a 204 response cannot have a body");
    assertRefused(
        NO_CORS,
        direct + "{\"statusCode\":200,\"body\":\"" + "x".repeat(4097) + "\"}}," + ROUTE_1_REST,
        at + ".body: 4097 characters, more than 4096");
  }

  @Test
  void httpsListenersNameTheirCertificatesByReference() throws ConfigException {
    String https =
        JSON.replace(
            "\"protocol\":\"HTTP\",\"tls\":[]",
            "\"protocol\":\"HTTPS\",\"tls\":[{\"hostname\":\"*.example.com\","
                + "\"certificates\":[\"certs/wildcard\",\"certs/ecdsa\"]},"
                + "{\"hostname\":null,\"certificates\":[\"default/any\"]}]");

    Listener listener = parser.parse(https).listeners().get(0);

    assertThat(listener.protocol()).isEqualTo(Protocol.HTTPS);
    assertThat(listener.tls())
        .containsExactly(
            new TlsEntry("*.example.com", List.of("certs/wildcard", "certs/ecdsa")),
            new TlsEntry(null, List.of("default/any")));
    assertThat(listener.tls().get(1).key()).isEqualTo("*");
  }

  @Test
  void tlsEntriesAreChecked() {
    String entry = "{\"hostname\":null,\"certificates\":[\"default/any\"]}";
    String http = "\"protocol\":\"HTTP\",\"tls\":[]";
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\",\"tls\":[]",
        "listeners[0].tls: an HTTPS listener needs at least one entry");
    assertRefused(
        http,
        "\"protocol\":\"HTTP\",\"tls\":[" + entry + "]",
        "listeners[0].tls: only an HTTPS listener has certificates");
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\",\"tls\":[" + entry + "," + entry + "]",
        "listeners[0].tls[1].hostname: '*' has another entry on this listener");
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\",\"tls\":[{\"hostname\":\"*\",\"certificates\":[\"a/b\"]}]",
        "listeners[0].tls[0].hostname: '*' is not a valid listener hostname");
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\",\"tls\":[{\"hostname\":null,\"certificates\":[]}]",
        "listeners[0].tls[0].certificates: at least one is required");
    for (String reference : List.of("no-namespace", "a/b/c", "a_b/c", "A/b", "a/../b")) {
      assertRefused(
          http,
          "\"protocol\":\"HTTPS\",\"tls\":[{\"hostname\":null,\"certificates\":[\""
              + reference
              + "\"]}]",
          "listeners[0].tls[0].certificates[0]: '" + reference + "' is not a namespace/name");
    }
  }

  @Test
  void clientValidationNamesItsAuthoritiesAndIsChecked() throws ConfigException {
    String tls = "\"tls\":[{\"hostname\":null,\"certificates\":[\"default/any\"]}]";
    String http = "\"protocol\":\"HTTP\",\"tls\":[],\"clientValidation\":null";
    String https =
        JSON.replace(
            http,
            "\"protocol\":\"HTTPS\","
                + tls
                + ",\"clientValidation\":{\"caCertificates\":[\"infra/ca\"],"
                + "\"mode\":\"AllowInsecureFallback\"}");

    assertThat(parser.parse(https).listeners().get(0).clientValidation())
        .isEqualTo(
            new ClientValidation(List.of("infra/ca"), ClientValidationMode.AllowInsecureFallback));

    assertRefused(
        http,
        "\"protocol\":\"HTTP\",\"tls\":[],\"clientValidation\":"
            + "{\"caCertificates\":[\"infra/ca\"],\"mode\":\"AllowValidOnly\"}",
        "listeners[0].clientValidation: only an HTTPS listener validates clients");
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\","
            + tls
            + ",\"clientValidation\":{\"caCertificates\":[],\"mode\":\"AllowValidOnly\"}",
        "listeners[0].clientValidation.caCertificates: at least one is required");
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\","
            + tls
            + ",\"clientValidation\":{\"caCertificates\":[\"a_b/c\"],"
            + "\"mode\":\"AllowValidOnly\"}",
        "listeners[0].clientValidation.caCertificates[0]: 'a_b/c' is not a namespace/name");
    assertRefused(
        http,
        "\"protocol\":\"HTTPS\","
            + tls
            + ",\"clientValidation\":{\"caCertificates\":[\"infra/ca\"],\"mode\":\"Maybe\"}",
        "listeners[0].clientValidation.mode");
  }

  @Test
  void backendTlsNamesItsTrustAndIdentityAndIsChecked() throws ConfigException {
    String clear = "\"protocol\":\"H2C\",\"tls\":null},{\"name\":\"default/gone:80\"";
    String at = "listeners[0].virtualHosts[0].routes[0].backends[0].tls";
    String valid =
        "{\"serverName\":\"a.example.com\",\"caCertificates\":[\"default/ca\"],"
            + "\"wellKnownCaCertificates\":null,\"subjectAltNames\":"
            + "[{\"type\":\"URI\",\"value\":\"spiffe://example.com/a\"},"
            + "{\"type\":\"Hostname\",\"value\":\"*.example.com\"}],"
            + "\"clientCertificate\":\"default/gateway-client\"}";

    assertThat(parser.parse(withBackendTls(clear, valid)).listeners().get(0).virtualHosts())
        .first()
        .satisfies(
            host ->
                assertThat(host.routes().get(0).backends().get(0).tls())
                    .isEqualTo(
                        new BackendTls(
                            "a.example.com",
                            List.of("default/ca"),
                            null,
                            List.of(
                                new SubjectAltName(
                                    SubjectAltNameType.URI, "spiffe://example.com/a"),
                                new SubjectAltName(SubjectAltNameType.Hostname, "*.example.com")),
                            "default/gateway-client")));

    assertRefused(
        clear,
        withTls(clear, valid.replace("\"a.example.com\"", "\"*.example.com\"")),
        at + ".serverName: '*.example.com' is not a valid DNS name");
    assertRefused(
        clear,
        withTls(
            clear,
            valid.replace(
                "\"wellKnownCaCertificates\":null", "\"wellKnownCaCertificates\":\"System\"")),
        at + ": exactly one of caCertificates and wellKnownCaCertificates is required");
    assertRefused(
        clear,
        withTls(clear, valid.replace("[\"default/ca\"]", "[]")),
        at + ": exactly one of caCertificates and wellKnownCaCertificates is required");
    assertRefused(
        clear,
        withTls(clear, valid.replace("\"default/ca\"", "\"default_ca\"")),
        at + ".caCertificates[0]: 'default_ca' is not a namespace/name reference");
    assertRefused(
        clear,
        withTls(clear, valid.replace("\"default/gateway-client\"", "\"gateway-client\"")),
        at + ".clientCertificate: 'gateway-client' is not a namespace/name reference");
    assertRefused(
        clear,
        withTls(clear, valid.replace("spiffe://example.com/a", "no scheme")),
        at + ".subjectAltNames[0].value: 'no scheme' is not a valid URI name");
    assertRefused(
        clear,
        withTls(clear, valid.replace("\"*.example.com\"}", "\"bad host\"}")),
        at + ".subjectAltNames[1].value: 'bad host' is not a valid Hostname name");
    assertRefused(
        clear,
        withTls(clear, valid.replace("\"type\":\"URI\"", "\"type\":\"IP\"")),
        at + ".subjectAltNames[0].type");
  }

  private static String withTls(String clear, String tls) {
    return clear.replace("\"tls\":null}", "\"tls\":" + tls + "}");
  }

  private static String withBackendTls(String clear, String tls) {
    return JSON.replace(clear, withTls(clear, tls));
  }

  @Test
  void tlsListenersAreReadAndChecked() throws ConfigException {
    String http = "\"protocol\":\"HTTP\",\"tls\":[],\"clientValidation\":null,\"tlsListeners\":[],";
    String route =
        "{\"name\":\"ns/r\",\"hostnames\":[\"abc.example.com\",\"*.example.org\"],"
            + "\"backends\":[{\"name\":\"ns/s:443\",\"weight\":1,"
            + "\"endpoints\":[{\"host\":\"10.0.0.9\",\"port\":8443}],\"rejected\":null,"
            + "\"requestHeaders\":null,\"responseHeaders\":null,\"protocol\":\"HTTP1\",\"tls\":null}]}";
    String passthrough =
        "{\"hostname\":null,\"mode\":\"Passthrough\",\"certificates\":[],\"routes\":["
            + route
            + "]}";
    String tlsPort =
        "\"protocol\":\"TLS\",\"tls\":[],\"clientValidation\":null,\"tlsListeners\":["
            + passthrough
            + "],";
    // A TLS port serves no HTTP: the fixture's virtual hosts go.
    String text = JSON.replace(http, tlsPort);
    text = text.substring(0, text.indexOf("\"virtualHosts\":[")) + "\"virtualHosts\":[]}]}";

    TlsListener read = parser.parse(text).listeners().get(0).tlsListeners().get(0);
    assertThat(read.mode()).isEqualTo(TlsMode.Passthrough);
    assertThat(read.routes().get(0).hostnames())
        .containsExactly("abc.example.com", "*.example.org");
    assertThat(read.routes().get(0).backends().get(0).endpoints())
        .containsExactly(new Endpoint("10.0.0.9", 8443));

    assertRefused(http, tlsPort, "listeners[0].virtualHosts: a TLS listener serves no HTTP");
    assertRefused(
        http,
        "\"protocol\":\"HTTP\",\"tls\":[],\"clientValidation\":null,\"tlsListeners\":["
            + passthrough
            + "],",
        "listeners[0].tlsListeners: an HTTP listener has none");
    String https =
        "\"protocol\":\"HTTPS\",\"tls\":[{\"hostname\":null,\"certificates\":[\"a/b\"]}],"
            + "\"clientValidation\":null,\"tlsListeners\":[";
    assertRefused(
        http,
        https + passthrough + "],",
        "listeners[0].tlsListeners[0].hostname: '*' has another entry on this listener");
    assertRefused(
        http,
        https
            + passthrough
                .replace("null,\"mode", "\"abc.example.com\",\"mode")
                .replace("\"certificates\":[]", "\"certificates\":[\"a/b\"]")
            + "],",
        "listeners[0].tlsListeners[0].certificates: a Passthrough listener has none");
    assertRefused(
        http,
        https
            + passthrough
                .replace("null,\"mode", "\"abc.example.com\",\"mode")
                .replace("Passthrough", "Terminate")
            + "],",
        "listeners[0].tlsListeners[0].certificates: a Terminate listener needs at least one");
    assertRefused(
        http,
        https
            + passthrough
                .replace("null,\"mode", "\"abc.example.com\",\"mode")
                .replace("\"routes\":[" + route, "\"routes\":[" + route + "," + route)
            + "],",
        "listeners[0].tlsListeners[0].routes[1].hostnames[0]: 'abc.example.com' belongs to an"
            + " earlier route");
    assertRefused(
        http,
        https
            + passthrough
                .replace("null,\"mode", "\"abc.example.com\",\"mode")
                .replace("\"abc.example.com\",\"*", "\"-bad\",\"*")
            + "],",
        "listeners[0].tlsListeners[0].routes[0].hostnames[0]: '-bad' is not a valid hostname");
  }

  private void assertRefused(String from, String to, String error) {
    String text = JSON.replace(from, to);
    assertThat(text).isNotEqualTo(JSON);
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(error);
  }

  @Test
  void aHeaderMatchedTwiceIsRefused() {
    String text =
        JSON.replace(
            "[{\"type\":\"Exact\",\"name\":\"x-env\",\"value\":\"canary\"}]",
            "[{\"type\":\"Exact\",\"name\":\"x-env\",\"value\":\"canary\"},"
                + "{\"type\":\"Exact\",\"name\":\"x-env\",\"value\":\"other\"}]");
    assertThat(text).isNotEqualTo(JSON);
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "listeners[0].virtualHosts[0].routes[0].match.headers[1].name: 'x-env' is matched twice");
  }

  @Test
  void bytesReadExactlyLikeTheirText() throws Exception {
    assertThat(parser.parse(utf8(JSON))).isEqualTo(EXPECTED);
    assertThat(parser.parse(utf8(YAML))).isEqualTo(EXPECTED);
    assertThat(parser.parse(utf8("\n\t " + JSON))).isEqualTo(EXPECTED);
    // Raw non-ASCII takes the decoding path, and reads as the escaped form does.
    String raw = JSON.replace("caf\\u00E9", "caf\u00E9");
    assertThat(ConfigParser.isAscii(utf8(raw))).isFalse();
    assertThat(parser.parse(utf8(raw))).isEqualTo(EXPECTED);
  }

  @Test
  void bytesFailExactlyLikeTheirText() {
    List<String> broken =
        List.of(
            "",
            "{",
            JSON + "x",
            JSON.replace("\"weight\":90", "\"weight\":9 0"),
            JSON.replace("{\"host\":\"10.0.0.2\"", "{\"host\":\"x\",\"host\":\"10.0.0.2\""),
            JSON.replace("\"hostnames\":[\"*\"]", "\"hostnames\":[\"*\"],\"colour\":\"red\""),
            JSON.replace("\"port\":8080,\"protocol\"", "\"port\":\"8080\",\"protocol\""),
            JSON.replace("\"port\":8080,\"protocol\"", "\"port\":0,\"protocol\""),
            JSON.replace(",\"rejected\":null", ""),
            "{\"version\":1, // c\n\"gateway\":\"g\"}",
            "{\"version\":1,\"gateway\":\"g\",\"listeners\":[],}",
            "{\u0000\u0000\u0000",
            "{\"version\":1,\"gateway\":\"g\u0000\",\"listeners\":[]}");
    for (String text : broken) {
      String fromText = messageOf(() -> parser.parse(text));
      assertThat(fromText).as(text).isNotNull();
      assertThat(messageOf(() -> parser.parse(utf8(text)))).as(text).isEqualTo(fromText);
    }
  }

  @Test
  void malformedUtf8IsDecodedLikeTheTextPathDecodesIt() throws Exception {
    // The JDK turns a bad sequence into U+FFFD; Jackson's byte parser would refuse it instead.
    byte[] bytes = utf8(JSON.replace("caf\\u00E9", "caf@"));
    int at = indexOf(bytes, (byte) '@');
    bytes[at] = (byte) 0xC3; // a lead byte without its continuation
    assertThat(ConfigParser.isAscii(bytes)).isFalse();
    assertThat(parser.parse(bytes))
        .isEqualTo(parser.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void asciiCheckLooksAtEveryByte() {
    for (int length = 1; length < 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 'a');
        assertThat(ConfigParser.isAscii(bytes)).isTrue();
        bytes[at] = (byte) 0x80;
        assertThat(ConfigParser.isAscii(bytes)).as("length %d, at %d", length, at).isFalse();
        bytes[at] = 0;
        assertThat(ConfigParser.isAscii(bytes)).isEqualTo(at >= 4);
      }
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("no " + b);
  }

  private interface Parse {
    ProxyConfig run() throws ConfigException;
  }

  /** The message of the ConfigException a parse throws, or null if it parses. */
  private static String messageOf(Parse parse) {
    try {
      parse.run();
      return null;
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }
}
