package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The upstream GRPCRoute conformance tests (GATEWAY-GRPC profile), each method named after the
 * upstream test's ShortName. The calls are made by a real grpc-java client over clear-text HTTP/2
 * to real grpc-java echo servers ({@link GrpcEchoServers}); a success is checked as upstream does:
 * the method the echo server saw, its namespace and which backend answered.
 */
class GrpcRouteIT extends ConformanceTest {
  private static final String SAME = "same-namespace";
  private static final MethodDescriptor<byte[], byte[]> ECHO = GrpcEcho.ECHO;
  private static final MethodDescriptor<byte[], byte[]> ECHO_TWO = GrpcEcho.ECHO_TWO;
  private static final MethodDescriptor<byte[], byte[]> ECHO_THREE = GrpcEcho.ECHO_THREE;
  private static final String V1 = "grpc-infra-backend-v1";
  private static final String V2 = "grpc-infra-backend-v2";
  private static final String V3 = "grpc-infra-backend-v3";
  private static final io.grpc.Metadata.Key<String> SET_COOKIE =
      io.grpc.Metadata.Key.of("set-cookie", io.grpc.Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void GRPCExactMethodMatching() {
    conformance.apply("grpcroute-exact-method-matching.yaml");
    gatewayAndRoutesAccepted(SAME, "exact-matching");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME);
    gateway.expectBackend(ECHO, INFRA, V1);
    gateway.expectBackend(ECHO_TWO, INFRA, V2);
    gateway.expectCode(ECHO_THREE, null, Map.of(), Status.Code.UNIMPLEMENTED);
  }

  @Test
  void GRPCRouteHeaderMatching() {
    conformance.apply("grpcroute-header-matching.yaml");
    gatewayAndRoutesAccepted(SAME, "grpc-header-matching");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME);
    expectEcho(gateway, Map.of("Version", "one"), V1);
    expectEcho(gateway, Map.of("Version", "two"), V2);
    expectEcho(gateway, Map.of("Version", "two", "Color", "orange"), V1);
    expectEcho(gateway, Map.of("Version", "two", "Color", "blue"), V2);
    expectEcho(gateway, Map.of("Color", "blue"), V1);
    expectEcho(gateway, Map.of("Color", "green"), V1);
    expectEcho(gateway, Map.of("Color", "red"), V2);
    expectEcho(gateway, Map.of("Color", "yellow"), V2);
    for (Map<String, String> unmatched :
        List.of(
            Map.of("Color", "orange"),
            Map.of("Some-Other-Header", "one"),
            Map.of("Color", "purple"))) {
      gateway.expectCode(ECHO, null, unmatched, Status.Code.UNIMPLEMENTED);
    }
  }

  @Test
  void GRPCRouteListenerHostnameMatching() {
    conformance.apply("grpcroute-listener-hostname-matching.yaml");
    String gatewayName = "grpcroute-listener-hostname-matching";
    gatewayAndRoutesAccepted(gatewayName, "backend-v1", "backend-v2", "backend-v3");
    expect.listener(INFRA, gatewayName, "listener-1", 1, httpListenerKinds(), "Accepted", "True");
    expect.listener(INFRA, gatewayName, "listener-2", 1, httpListenerKinds(), "Accepted", "True");
    expect.listener(INFRA, gatewayName, "listener-3", 1, httpListenerKinds(), "Accepted", "True");
    expect.listener(INFRA, gatewayName, "listener-4", 1, httpListenerKinds(), "Accepted", "True");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, gatewayName);
    gateway.expectBackend(ECHO, "bar.com", Map.of(), INFRA, V1);
    gateway.expectBackend(ECHO, "foo.bar.com", Map.of(), INFRA, V2);
    for (String host :
        List.of(
            "baz.bar.com",
            "boo.bar.com",
            "multiple.prefixes.bar.com",
            "multiple.prefixes.foo.com")) {
      gateway.expectBackend(ECHO, host, Map.of(), INFRA, V3);
    }
    for (String host : List.of("foo.com", "no.matching.host")) {
      gateway.expectCode(ECHO, host, Map.of(), Status.Code.UNIMPLEMENTED);
    }
  }

  @Test
  void GRPCRouteNamedRule() {
    conformance.apply("grpcroute-named-rule.yaml");
    gatewayAndRoutesAccepted(SAME, "grpc-named-rules");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME);
    gateway.expectBackend(ECHO, INFRA, V1);
    gateway.expectBackend(ECHO_TWO, INFRA, V2);
  }

  @Test
  void GRPCRouteWeight() {
    conformance.apply("grpcroute-weight.yaml");
    gatewayAndRoutesAccepted(SAME, "weighted-backends");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME);
    // Backends are picked at random: like upstream, accept the first of several rounds of 500
    // calls that lands within 5 points of every weight.
    List<Map<String, Integer>> rounds = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      Map<String, Integer> seen = new TreeMap<>();
      for (int i = 0; i < 500; i++) {
        GrpcAnswer answer = gateway.expectCode(ECHO, null, Map.of(), Status.Code.OK);
        assertThat(answer.response().namespace()).isEqualTo(INFRA);
        seen.merge(answer.response().pod(), 1, Integer::sum);
      }
      rounds.add(seen);
      if (seen.keySet().equals(Set.of(V1, V2))
          && Math.abs(seen.get(V1) / 500.0 - 0.7) <= 0.05
          && Math.abs(seen.get(V2) / 500.0 - 0.3) <= 0.05) {
        return;
      }
    }
    throw new AssertionError("no round within 5 points of 70/30/0: " + rounds);
  }

  @Test
  void GRPCRouteAllBackendsWeightZero() {
    conformance.apply("grpcroute-all-backends-weight-zero.yaml");
    gatewayAndRoutesAccepted(SAME, "all-backends-weight-zero");

    conformance.grpcGateway(INFRA, SAME).expectCode(ECHO, null, Map.of(), Status.Code.UNAVAILABLE);
  }

  @Test
  void GRPCRouteRequestHeaderModifier() {
    conformance.apply("grpcroute-request-header-modifier.yaml");
    gatewayAndRoutesAccepted(SAME, "grpc-request-header-modifier");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME);
    String authority = GrpcEcho.SERVICE; // as upstream sends it
    // Rule 0 (set) is the first Echo rule: the later add and remove rules never match Echo.
    GrpcEchoResponse echo =
        gateway.expectBackend(
            ECHO, authority, Map.of("Some-Other-Header", "this-header-should-be-set"), INFRA, V1);
    expectSeen(echo, "some-other-header", "this-header-should-be-set");
    expectSeen(echo, "x-header-set", "set-overwrites-values");
    echo =
        gateway.expectBackend(
            ECHO,
            authority,
            Map.of(
                "Some-Other-Header", "this-header-should-be-set",
                "X-Header-Set", "this-value-should-be-overwritten"),
            INFRA,
            V1);
    expectSeen(echo, "x-header-set", "set-overwrites-values");

    // All operations at once (EchoTwo): set, add to a value sent, remove, leave others alone.
    echo =
        gateway.expectBackend(
            ECHO_TWO,
            authority,
            Map.of(
                "X-Header-Set-2", "set-header-2",
                "X-Header-Add-2", "add-header-2",
                "X-Header-Remove-2", "should-be-removed-2",
                "Some-Other-Header", "another-header-val"),
            INFRA,
            V2);
    expectSeen(echo, "x-header-set-1", "header-set-1");
    expectSeen(echo, "x-header-set-2", "header-set-2");
    expectSeen(echo, "x-header-add-1", "header-add-1");
    expectSeen(echo, "x-header-add-2", "add-header-2,header-add-2");
    expectSeen(echo, "some-other-header", "another-header-val");
    assertThat(echo.header("x-header-remove-2")).isEmpty();

    // Header names are case-insensitive: lower-case names in the call, mixed case in the filter.
    echo =
        gateway.expectBackend(
            ECHO_TWO,
            authority,
            Map.of(
                "x-header-set-1", "original-set-1",
                "x-header-add-1", "existing-add-1",
                "x-header-remove-1", "should-be-removed-1"),
            INFRA,
            V2);
    expectSeen(echo, "x-header-set-1", "header-set-1");
    expectSeen(echo, "x-header-set-2", "header-set-2");
    expectSeen(echo, "x-header-add-1", "existing-add-1,header-add-1");
    expectSeen(echo, "x-header-add-2", "header-add-2");
    assertThat(echo.header("x-header-remove-1")).isEmpty();
  }

  @Test
  void GRPCRouteRequestMirror() {
    conformance.apply("grpcroute-request-mirror.yaml");
    gatewayAndRoutesAccepted(SAME, "grpc-request-mirror");

    GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME);
    int mirroredBefore = mirrored(ECHO);
    gateway.expectBackend(ECHO, INFRA, V1);
    expectMirroredOnce(ECHO, mirroredBefore);

    mirroredBefore = mirrored(ECHO_TWO);
    GrpcEchoResponse echo =
        gateway.expectBackend(
            ECHO_TWO,
            null,
            Map.of("X-Header-Remove", "remove-val", "X-Header-Add-Append", "append-val-1"),
            INFRA,
            V1);
    expectMirroredOnce(ECHO_TWO, mirroredBefore);
    // The copy carries the rule's header changes too.
    List<GrpcEchoResponse> copies = conformance.grpcBackends().answered(INFRA, V2);
    for (GrpcEchoResponse seen : List.of(echo, copies.get(copies.size() - 1))) {
      expectSeen(seen, "x-header-set", "set-overwrites-values");
      expectSeen(seen, "x-header-add", "header-val-1");
      expectSeen(seen, "x-header-add-append", "append-val-1,header-val-2");
      assertThat(seen.header("x-header-remove")).isEmpty();
    }
  }

  @Test
  void GRPCRouteMultipleGateways() {
    conformance.apply("grpcroute-multiple-gateways.yaml");
    gatewayAndRoutesAccepted(
        SAME, "multiple-gateways-shared-route", "same-namespace-dedicated-route");
    gatewayAndRoutesAccepted(
        "all-namespaces", "multiple-gateways-shared-route", "all-namespaces-dedicated-route");

    GrpcGatewayClient same = conformance.grpcGateway(INFRA, SAME);
    same.expectBackend(ECHO, INFRA, V1);
    same.expectBackend(ECHO_TWO, INFRA, V2);
    GrpcGatewayClient all = conformance.grpcGateway(INFRA, "all-namespaces");
    all.expectBackend(ECHO, INFRA, V1);
    all.expectBackend(ECHO_TWO, INFRA, V3);
  }

  @Test
  void GRPCRouteMultipleRoutesAttachmentSameHostnameIntersection() {
    String base = "grpcroute-multiple-routes-attachment-same-hostname-intersection";
    conformance.apply(base + ".yaml");
    String exactGateway = "gw-grpcroute-exact-hostname-x";
    String wildcardGateway = "gw-grpcroute-wc-hostname-x";
    gatewayAndRoutesAccepted(exactGateway, "grpcroute-wc-hostname-x-older");
    gatewayAndRoutesAccepted(wildcardGateway, "grpcroute-less-specific-wc-hostname-x-older");

    conformance.apply(base + "-newer.yaml");
    gatewayAndRoutesAccepted(
        exactGateway, "grpcroute-wc-hostname-x-older", "grpcroute-exact-hostname-x-newer");
    gatewayAndRoutesAccepted(
        wildcardGateway,
        "grpcroute-less-specific-wc-hostname-x-older",
        "grpcroute-more-specific-wc-hostname-x-newer");

    // The route naming the host itself (or the nearer wildcard) wins although it is newer.
    conformance
        .grpcGateway(INFRA, exactGateway)
        .expectBackend(ECHO, "abc.example.com", Map.of(), INFRA, V2);
    conformance
        .grpcGateway(INFRA, wildcardGateway)
        .expectBackend(ECHO, "abc.example.com", Map.of(), INFRA, V2);
  }

  /**
   * Not an upstream test: an HTTPRoute and a newer GRPCRoute sharing a hostname on one listener
   * (only the older is accepted there: GRPCRouteSpec.hostnames), a GRPCRoute on another hostname
   * served next to them, and the proxy's own answers to gRPC calls it cannot route: a trailers-only
   * gRPC status instead of an HTTP error (here over HTTP/1.1, which needs no HTTP/2 frontend).
   */
  @Test
  void grpcRouteAndHttpRouteSharingAHostname() {
    conformance.apply("grpcroute-httproute-same-hostname.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, SAME, INFRA, "http-first");
    StatusCondition refused =
        StatusCondition.find(
            grpcRouteConditions("grpc-second", SAME), "Accepted", "GRPCRoute grpc-second");
    assertThat(refused.status()).isEqualTo("False");
    assertThat(refused.reason()).isEqualTo("HostnameConflict");
    assertThat(refused.message()).contains("HTTPRoute gateway-conformance-infra/http-first");
    gatewayAndRoutesAccepted(SAME, "grpc-own-host");
    // Counted: the HTTPRoute and the GRPCRoute on its own host, not the refused one.
    expect.listener(INFRA, SAME, "http", 2, httpListenerKinds(), "Accepted", "True");

    GatewayClient http = conformance.gateway(INFRA, SAME);
    http.expectBackend(ScenarioRequest.get("shared.example.com", "/"), INFRA, "infra-backend-v1");
    ScenarioRequest call =
        ScenarioRequest.get("nothing.example.net", "/" + GrpcEcho.SERVICE + "/Echo")
            .withMethod("POST")
            .withHeader("content-type", "application/grpc");
    ScenarioResponse unimplemented = http.expectStatus(call, 200);
    assertThat(unimplemented.header("grpc-status")).containsExactly("12");
    assertThat(unimplemented.header("content-type")).containsExactly("application/grpc");
    // The refused GRPCRoute's host is the HTTPRoute's: a gRPC call there reaches the HTTP backend.
    http.expectBackend(
        ScenarioRequest.get("shared.example.com", call.path())
            .withMethod("POST")
            .withHeader("content-type", "application/grpc"),
        INFRA,
        "infra-backend-v1");
  }

  /** A call to Echo with {@code metadata} must reach {@code backend}. */
  private static void expectEcho(
      GrpcGatewayClient gateway, Map<String, String> metadata, String backend) {
    gateway.expectBackend(ECHO, null, metadata, INFRA, backend);
  }

  /** The backend saw the header with these values (joined by commas, as upstream compares). */
  private static void expectSeen(GrpcEchoResponse echo, String header, String values) {
    assertThat(String.join(",", echo.header(header)))
        .as("request header %s the backend saw: %s", header, echo.headers())
        .isEqualTo(values);
  }

  /** How many calls of {@code method} the mirror (grpc-infra-backend-v2) has answered. */
  private static int mirrored(MethodDescriptor<byte[], byte[]> method) {
    return (int)
        conformance.grpcBackends().answered(INFRA, V2).stream()
            .filter(echo -> echo.fullyQualifiedMethod().equals("/" + method.getFullMethodName()))
            .count();
  }

  /** Exactly one more copy of a {@code method} call reaches the mirror (copies are not awaited). */
  private static void expectMirroredOnce(MethodDescriptor<byte[], byte[]> method, int before) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(mirrored(method)).isEqualTo(before + 1));
  }

  @Test
  void GRPCRouteSessionPersistenceCookie() {
    conformance.apply("grpcroute-session-persistence-cookie.yaml");
    gatewayAndRoutesAccepted(SAME, "grpcroute-session-persistence-cookie");

    GrpcAnswer first = firstSessionCall();
    String setCookie = first.headers().get(SET_COOKIE);
    String attributes = setCookie.substring(setCookie.indexOf(';')).toLowerCase(Locale.ROOT);
    assertThat(attributes)
        .as("a session cookie: %s", setCookie)
        .doesNotContain("expires", "max-age");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String firstPod = first.response().pod();
    // A fresh connection per call, as upstream: the cookie, not the connection, keeps the backend.
    for (int i = 0; i < 10; i++) {
      try (GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME)) {
        GrpcAnswer sticky =
            gateway.expectCode(ECHO, null, Map.of("cookie", cookie), Status.Code.OK);
        assertThat(sticky.response().pod()).as("sticky call %d", i + 1).isEqualTo(firstPod);
      }
    }
    Set<String> spread = new java.util.HashSet<>();
    try (GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME)) {
      for (int i = 0; i < 12; i++) {
        spread.add(gateway.expectCode(ECHO, null, Map.of(), Status.Code.OK).response().pod());
      }
    }
    assertThat(spread).as("backends answering calls without a cookie").hasSizeGreaterThan(1);
  }

  @Test
  void GRPCRouteSessionPersistenceCookiePermanentLifetime() {
    conformance.apply("grpcroute-session-persistence-cookie-permanent-lifetime.yaml");
    gatewayAndRoutesAccepted(SAME, "grpcroute-session-persistence-cookie-permanent-lifetime");

    String setCookie = firstSessionCall().headers().get(SET_COOKIE);
    assertThat(setCookie).as("a permanent cookie of absoluteTimeout 1h").contains("; Max-Age=3600");
  }

  /** The first call of a session, once the route serves: it must carry a session cookie. */
  private static GrpcAnswer firstSessionCall() {
    AtomicReference<GrpcAnswer> first = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              try (GrpcGatewayClient gateway = conformance.grpcGateway(INFRA, SAME)) {
                GrpcAnswer answer = gateway.expectCode(ECHO, null, Map.of(), Status.Code.OK);
                assertThat(answer.headers().get(SET_COOKIE)).as("set-cookie").isNotNull();
                first.set(answer);
              }
            });
    return first.get();
  }

  /** The kinds an HTTP listener without allowedRoutes.kinds lists. */
  private static List<String> httpListenerKinds() {
    return List.of("gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute");
  }

  /**
   * The Gateway (in the infra namespace) is Accepted and Programmed, and each GRPCRoute's entry for
   * it is Accepted with ResolvedRefs, for the route's current generation (upstream's
   * GatewayAndRoutesMustBeAccepted with {@code &v1.GRPCRoute{}}).
   */
  static void gatewayAndRoutesAccepted(String gateway, String... routes) {
    expect.gatewayAccepted(INFRA, gateway);
    for (String route : routes) {
      long generation = status.generation("GRPCRoute", INFRA, route);
      List<StatusCondition> conditions = grpcRouteConditions(route, gateway);
      for (String type : List.of("Accepted", "ResolvedRefs")) {
        StatusCondition condition =
            StatusCondition.find(conditions, type, "GRPCRoute " + route + " for " + gateway);
        assertThat(condition.status())
            .as("%s of GRPCRoute %s for Gateway %s: %s", type, route, gateway, condition)
            .isEqualTo("True");
        assertThat(condition.observedGeneration())
            .as("observedGeneration of %s of GRPCRoute %s", type, route)
            .isEqualTo(generation);
      }
    }
  }

  /**
   * The conditions of Lintel's parent entry of a GRPCRoute for one Gateway of the infra namespace.
   */
  static List<StatusCondition> grpcRouteConditions(String route, String gateway) {
    JsonNode parents = status.object("GRPCRoute", INFRA, route).path("status").path("parents");
    for (JsonNode parent : parents) {
      JsonNode ref = parent.path("parentRef");
      String namespace = ref.path("namespace").isTextual() ? ref.path("namespace").asText() : INFRA;
      if (StatusQuery.CONTROLLER_NAME.equals(parent.path("controllerName").asText())
          && gateway.equals(ref.path("name").asText())
          && INFRA.equals(namespace)) {
        return StatusCondition.listOf(parent.path("conditions"));
      }
    }
    throw new AssertionError(
        "GRPCRoute " + route + " has no parent entry for " + gateway + ": " + parents);
  }
}
