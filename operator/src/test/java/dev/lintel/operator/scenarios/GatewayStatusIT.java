package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about status: attached route counts, invalid route kinds,
 * observedGeneration following spec changes, static addresses and the GatewayClass's supported
 * version. Each method is named after the upstream test's ShortName.
 */
class GatewayStatusIT extends ConformanceTest {
  /** What an HTTP or HTTPS listener lists in supportedKinds unless its allowedRoutes narrow it. */
  private static final List<String> HTTP_ROUTE =
      List.of("gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute");

  /** A listener whose allowedRoutes.kinds names HTTPRoute alone lists only that. */
  private static final List<String> HTTP_ROUTE_ONLY =
      List.of("gateway.networking.k8s.io/HTTPRoute");

  @Test
  void GatewayWithAttachedRoutes() {
    conformance.apply("gateway-with-attached-routes.yaml");
    expect.listener(
        INFRA,
        "gateway-with-one-attached-route",
        "http",
        1,
        HTTP_ROUTE_ONLY,
        "Accepted",
        "True",
        "ResolvedRefs",
        "True");
    expect.listener(
        INFRA,
        "gateway-with-two-attached-routes",
        "http",
        2,
        HTTP_ROUTE_ONLY,
        "Accepted",
        "True",
        "ResolvedRefs",
        "True");
    // AttachedRoutes is set even when the Gateway has unresolved refs.
    String unresolved = "unresolved-gateway-with-one-attached-unresolved-route";
    expect.listener(
        INFRA,
        unresolved,
        "tls",
        1,
        HTTP_ROUTE_ONLY,
        "Programmed",
        "False",
        "ResolvedRefs",
        "False");
    expect.routeCondition(INFRA, "http-route-4", INFRA, unresolved, "ResolvedRefs", "False", null);
  }

  @Test
  void GatewayWithAttachedRoutesWithPort8080() {
    conformance.apply("gateway-with-attached-routes-with-port-8080.yaml");
    String gateway = "gateway-with-two-listeners-and-one-attached-route";
    expect.listener(
        INFRA,
        gateway,
        "http-unattached",
        0,
        HTTP_ROUTE_ONLY,
        "Accepted",
        "True",
        "ResolvedRefs",
        "True");
    expect.listener(
        INFRA, gateway, "http", 1, HTTP_ROUTE_ONLY, "Accepted", "True", "ResolvedRefs", "True");
  }

  @Test
  void GatewayInvalidRouteKind() {
    conformance.apply("gateway-invalid-route-kind.yaml");
    expectRefusedRouteKinds("gateway-only-invalid-route-kind", List.of());
    expectRefusedRouteKinds("gateway-supported-and-invalid-route-kind", HTTP_ROUTE_ONLY);
  }

  @Test
  void GatewayUnsupportedRouteKind() {
    conformance.apply("gateway-unsupported-route-kind.yaml");
    expectRefusedRouteKinds("gateway-only-unsupported-route-kind", List.of());
    // The kind that the protocol takes stays listed, the other is refused just the same.
    expectRefusedRouteKinds("gateway-supported-and-unsupported-route-kind", HTTP_ROUTE_ONLY);
  }

  /**
   * The Gateway's listener {@code http} lists exactly {@code supportedKinds}, has no route attached
   * and is {@code ResolvedRefs=False}/{@code InvalidRouteKinds} for the kinds it refuses.
   */
  private static void expectRefusedRouteKinds(String gateway, List<String> supportedKinds) {
    ListenerState listener = status.listener(INFRA, gateway, "http");
    assertThat(listener.supportedKinds())
        .as("supportedKinds of %s", gateway)
        .isEqualTo(supportedKinds);
    assertThat(listener.attachedRoutes()).isZero();
    assertThat(listener.condition("ResolvedRefs"))
        .as("ResolvedRefs of %s", gateway)
        .extracting(StatusCondition::status, StatusCondition::reason)
        .containsExactly("False", "InvalidRouteKinds");
  }

  @Test
  void GatewayNameMaximumLength() {
    conformance.apply("gateway-name-maximum-length.yaml");
    String prefix = "gateway-name-maximum-length-";
    String gateway = prefix + "a".repeat(253 - prefix.length());
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    // Beyond upstream, which asserts no values: the Gateway is served like any other.
    expect.gatewayAccepted(INFRA, gateway);
  }

  @Test
  void GatewayModifyListeners() {
    conformance.apply("gateway-modify-listeners.yaml");
    String add = "gateway-add-listener";
    String remove = "gateway-remove-listener";
    expect.conditionsAreLatest("Gateway", INFRA, add);
    expect.conditionsAreLatest("Gateway", INFRA, remove);
    long addBefore = status.generation("Gateway", INFRA, add);
    long removeBefore = status.generation("Gateway", INFRA, remove);

    conformance.update("gateway-modify-listeners.yaml", "gateway-modify-listeners-changed.yaml");

    // The added listener becomes available; the route counts on both listeners.
    assertThat(status.generation("Gateway", INFRA, add)).isNotEqualTo(addBefore);
    expect.conditionsAreLatest("Gateway", INFRA, add);
    assertThat(status.listeners(INFRA, add))
        .extracting(ListenerState::name)
        .containsExactly("https", "http");
    for (String listener : List.of("https", "http")) {
      expect.listener(
          INFRA, add, listener, 1, HTTP_ROUTE, "Accepted", "True", "ResolvedRefs", "True");
    }
    // The removed listener is gone from the status.
    assertThat(status.generation("Gateway", INFRA, remove)).isNotEqualTo(removeBefore);
    expect.conditionsAreLatest("Gateway", INFRA, remove);
    assertThat(status.listeners(INFRA, remove))
        .extracting(ListenerState::name)
        .containsExactly("http");
    expect.listener(
        INFRA, remove, "http", 1, HTTP_ROUTE, "Accepted", "True", "ResolvedRefs", "True");
  }

  @Test
  void GatewayObservedGenerationBump() {
    String gateway = "gateway-observed-generation-bump";
    conformance.apply("gateway-observed-generation-bump.yaml");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    long before = status.generation("Gateway", INFRA, gateway);

    conformance.update(
        "gateway-observed-generation-bump.yaml", "gateway-observed-generation-bump-changed.yaml");

    assertThat(status.generation("Gateway", INFRA, gateway)).isNotEqualTo(before);
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    assertThat(status.listeners(INFRA, gateway))
        .extracting(ListenerState::name)
        .containsExactly("http", "alternate");
  }

  @Test
  void GatewayClassObservedGenerationBump() {
    String gatewayClass = "gatewayclass-observed-generation-bump";
    conformance.apply("gatewayclass-observed-generation-bump.yaml");
    assertThat(status.condition("GatewayClass", null, gatewayClass, "Accepted").isTrue()).isTrue();
    expect.conditionsAreLatest("GatewayClass", null, gatewayClass);
    long before = status.generation("GatewayClass", null, gatewayClass);
    Map<String, Long> observedBefore = observedGenerations("GatewayClass", null, gatewayClass);

    conformance.update(
        "gatewayclass-observed-generation-bump.yaml",
        "gatewayclass-observed-generation-bump-changed.yaml");

    assertThat(status.generation("GatewayClass", null, gatewayClass)).isNotEqualTo(before);
    assertThat(status.condition("GatewayClass", null, gatewayClass, "Accepted").isTrue()).isTrue();
    expect.conditionsAreLatest("GatewayClass", null, gatewayClass);
    observedGenerations("GatewayClass", null, gatewayClass)
        .forEach(
            (type, generation) ->
                assertThat(generation)
                    .as("observedGeneration of %s", type)
                    .isNotEqualTo(observedBefore.get(type)));
  }

  @Test
  void HTTPRouteObservedGenerationBump() {
    String route = "observed-generation-bump";
    conformance.apply("httproute-observed-generation-bump.yaml");
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, route);
    List<StatusCondition> before = status.routeConditions(INFRA, route, INFRA, "same-namespace");
    long generationBefore = status.generation("HTTPRoute", INFRA, route);
    assertThat(before)
        .allSatisfy(c -> assertThat(c.observedGeneration()).isEqualTo(generationBefore));

    conformance.update(
        "httproute-observed-generation-bump.yaml",
        "httproute-observed-generation-bump-changed.yaml");

    long generationAfter = status.generation("HTTPRoute", INFRA, route);
    assertThat(generationAfter).isNotEqualTo(generationBefore);
    expect.gatewayAndRoutesAccepted(INFRA, "same-namespace", INFRA, route);
    assertThat(status.routeConditions(INFRA, route, INFRA, "same-namespace"))
        .allSatisfy(c -> assertThat(c.observedGeneration()).isEqualTo(generationAfter));
    // Not asserted upstream, but it shows the new spec is the one served.
    conformance.gateway(INFRA, "same-namespace").expectBackend(get("/"), INFRA, "infra-backend-v2");
  }

  @Test
  void GatewayUpdateListenerHostname() {
    String gateway = "gateway-update-listener-hostname";
    String route = "httproute-update-listener-hostname";
    conformance.apply("gateway-update-listener-hostname.yaml");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    expect.routeCondition(
        INFRA, route, INFRA, gateway, "Accepted", "False", "NoMatchingListenerHostname");

    conformance.update(
        "gateway-update-listener-hostname.yaml", "gateway-update-listener-hostname-changed.yaml");

    expect.routeCondition(INFRA, route, INFRA, gateway, "Accepted", "True", "Accepted");
    expect.listener(
        INFRA, gateway, "http", 1, HTTP_ROUTE, "Accepted", "True", "ResolvedRefs", "True");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
  }

  @Test
  void GatewayOptionalAddressValue() {
    String gateway = "gateway-without-address-value";
    conformance.apply("gateway-optional-address-value.yaml");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    expect.gatewayAccepted(INFRA, gateway);
    assertThat(status.address(INFRA, gateway)).isNotBlank();
  }

  @Test
  void GatewayStaticAddresses() {
    String gateway = "gateway-static-addresses";
    String manifest = "gateway-static-addresses.yaml";
    conformance.apply(manifest);
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    expectGatewayCondition(gateway, "Accepted", "False", "UnsupportedAddress");

    conformance.update(manifest, "gateway-static-addresses-without-unsupported.yaml");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    expectGatewayCondition(gateway, "Accepted", "True", "Accepted");
    expectGatewayCondition(gateway, "Programmed", "False", "AddressNotUsable");
    assertThat(status.gatewayCondition(INFRA, gateway, "Programmed").message())
        .as("the message names the address that could not be bound, and only that one")
        .contains(ConformanceRuntime.UNUSABLE_ADDRESS + " cannot be bound")
        .doesNotContain(conformance.usableAddress());
    assertThat(status.object("Gateway", INFRA, gateway).path("status").path("addresses")).isEmpty();

    conformance.update(manifest, "gateway-static-addresses-usable-only.yaml");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    expectGatewayCondition(gateway, "Accepted", "True", "Accepted");
    expectGatewayCondition(gateway, "Programmed", "True", "Programmed");
    expect.listener(
        INFRA, gateway, "http", 0, HTTP_ROUTE, "Accepted", "True", "ResolvedRefs", "True");
    JsonNode addresses = status.object("Gateway", INFRA, gateway).path("status").path("addresses");
    assertThat(addresses).hasSize(1);
    assertThat(addresses.get(0).path("type").asText()).isEqualTo("IPAddress");
    assertThat(addresses.get(0).path("value").asText()).isEqualTo(conformance.usableAddress());
    // Not asserted upstream: the proxy really listens there (no route attached, so 404).
    GatewayClient client = conformance.gateway(INFRA, gateway, 8080);
    assertThat(client.address()).isEqualTo(conformance.usableAddress());
    client.expectStatus(get("/"), 404);
  }

  /**
   * Upstream edits the bundle-version annotation of the GatewayClass CRD in the cluster; here the
   * CRD is a manifest document, edited the same way. Accepted stays True: best-effort support.
   */
  @Test
  void GatewayClassSupportedVersionCondition() {
    String gatewayClass = "gatewayclass-supported-version-condition";
    String manifest = "gatewayclass-supported-version-condition.yaml";
    conformance.apply(manifest);
    expectSupportedVersion(gatewayClass, "True", "SupportedVersion");

    conformance.update(manifest, "gatewayclass-supported-version-condition-no-version.yaml");
    expectSupportedVersion(gatewayClass, "False", "UnsupportedVersion");

    conformance.update(manifest, "gatewayclass-supported-version-condition.yaml");
    expectSupportedVersion(gatewayClass, "True", "SupportedVersion");

    conformance.update(manifest, "gatewayclass-supported-version-condition-v0.yaml");
    expectSupportedVersion(gatewayClass, "False", "UnsupportedVersion");
    assertThat(status.condition("GatewayClass", null, gatewayClass, "SupportedVersion").message())
        .contains("is at v0.0.0");

    conformance.update(manifest, "gatewayclass-supported-version-condition.yaml");
    expectSupportedVersion(gatewayClass, "True", "SupportedVersion");
  }

  @Test
  void GatewayListenerUnsupportedProtocol() {
    conformance.apply("gateway-invalid-listeners-unsupported-protocol.yaml");
    String onlyInvalid = "gateway-only-unsupported-protocols";
    expect.conditionsAreLatest("Gateway", INFRA, onlyInvalid);
    assertThat(status.gatewayCondition(INFRA, onlyInvalid, "Accepted"))
        .extracting(StatusCondition::status, StatusCondition::reason)
        .containsExactly("False", "ListenersNotValid");
    expect.listener(INFRA, onlyInvalid, "invalid", 0, List.of(), "Accepted", "False");
    assertThat(status.listener(INFRA, onlyInvalid, "invalid").condition("Accepted").reason())
        .isEqualTo("UnsupportedProtocol");

    String mixed = "gateway-supported-and-unsupported-protocols";
    expect.conditionsAreLatest("Gateway", INFRA, mixed);
    assertThat(status.gatewayCondition(INFRA, mixed, "Accepted"))
        .extracting(StatusCondition::status, StatusCondition::reason)
        .containsExactly("True", "ListenersNotValid");
    expect.listener(INFRA, mixed, "http", 0, HTTP_ROUTE, "Accepted", "True");
    expect.listener(INFRA, mixed, "invalid", 0, List.of(), "Accepted", "False");
    assertThat(status.listener(INFRA, mixed, "invalid").condition("Accepted").reason())
        .isEqualTo("UnsupportedProtocol");
  }

  private static void expectSupportedVersion(
      String gatewayClass, String expectedStatus, String expectedReason) {
    assertThat(status.condition("GatewayClass", null, gatewayClass, "Accepted").isTrue()).isTrue();
    assertThat(status.condition("GatewayClass", null, gatewayClass, "SupportedVersion"))
        .extracting(StatusCondition::status, StatusCondition::reason)
        .as("SupportedVersion of GatewayClass %s", gatewayClass)
        .containsExactly(expectedStatus, expectedReason);
    expect.conditionsAreLatest("GatewayClass", null, gatewayClass);
  }

  private static void expectGatewayCondition(
      String gateway, String type, String expectedStatus, String expectedReason) {
    assertThat(status.gatewayCondition(INFRA, gateway, type))
        .extracting(StatusCondition::status, StatusCondition::reason)
        .as("%s of Gateway %s", type, gateway)
        .containsExactly(expectedStatus, expectedReason);
  }

  @Test
  void GatewayInvalidParametersRef() {
    String gateway = "gateway-invalid-parameters-ref";
    conformance.apply("gateway-invalid-parameters-ref.yaml");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    expectGatewayCondition(gateway, "Accepted", "False", "InvalidParameters");
  }

  private Map<String, Long> observedGenerations(String kind, String namespace, String name) {
    return status.conditions(kind, namespace, name).stream()
        .collect(
            Collectors.toMap(
                StatusCondition::type, StatusCondition::observedGeneration, (a, b) -> a));
  }
}
