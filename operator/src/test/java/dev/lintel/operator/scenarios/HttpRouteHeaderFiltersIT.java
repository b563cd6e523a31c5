package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.HeaderAssertions.assertHeaders;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance tests about the header filters: {@code RequestHeaderModifier} on rules and
 * on backendRefs, and {@code ResponseHeaderModifier}. Each method is named after the upstream
 * test's ShortName.
 */
class HttpRouteHeaderFiltersIT extends ConformanceTest {
  private static final String GATEWAY = "same-namespace";
  private static final String V1 = "infra-backend-v1";

  /** The echo backend adds the response headers a request names here ({@code Name:value,...}). */
  private static final String ECHO_SET_HEADER = "X-Echo-Set-Header";

  @Test
  void HTTPRouteRequestHeaderModifier() {
    expectRequestHeadersModified(
        applyAndAccept("httproute-request-header-modifier.yaml", "request-header-modifier"));
  }

  @Test
  void HTTPRouteBackendRequestHeaderModifier() {
    expectRequestHeadersModified(
        applyAndAccept(
            "httproute-request-header-modifier-backend.yaml", "request-header-modifier"));
  }

  @Test
  void HTTPRouteRequestHeaderModifierBackendWeights() {
    GatewayClient gateway =
        applyAndAccept(
            "httproute-request-header-modifier-backend-weights.yaml",
            "request-header-modifier-backend-weights");
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      EchoedRequest echoed = gateway.expectStatus(get("/"), 200).echo();
      // Only the filter of the backendRef that was picked applies.
      assertThat(echoed.header("Backend")).as("Backend header, request %d", i).hasSize(1);
      assertThat(echoed.header("Backend").get(0))
          .as("Backend header of a request %s answered", echoed.backend())
          .isEqualTo(echoed.backend());
      seen.merge(echoed.backend(), 1, Integer::sum);
    }
    // Equal weights: both backends get requests (the chance that one gets none is 2^-99).
    assertThat(seen).containsOnlyKeys(V1, "infra-backend-v2");
  }

  @Test
  void HTTPRouteResponseHeaderModifier() {
    GatewayClient gateway =
        applyAndAccept("httproute-response-header-modifier.yaml", "response-header-modifier");
    expectResponse(
        gateway,
        "/set",
        Map.of("Some-Other-Header", "val"),
        Map.of("Some-Other-Header", "val", "X-Header-Set", "set-overwrites-values"),
        List.of());
    expectResponse(
        gateway,
        "/set",
        Map.of("Some-Other-Header", "val", "X-Header-Set", "some-other-value"),
        Map.of("Some-Other-Header", "val", "X-Header-Set", "set-overwrites-values"),
        List.of());
    expectResponse(
        gateway,
        "/add",
        Map.of("Some-Other-Header", "val"),
        Map.of("Some-Other-Header", "val", "X-Header-Add", "add-appends-values"),
        List.of());
    expectResponse(
        gateway,
        "/add",
        Map.of("Some-Other-Header", "val", "X-Header-Add", "some-other-value"),
        Map.of("Some-Other-Header", "val", "X-Header-Add", "some-other-value,add-appends-values"),
        List.of());
    expectResponse(
        gateway, "/remove", Map.of("X-Header-Remove", "val"), Map.of(), List.of("X-Header-Remove"));
    Map<String, String> backendSets = new LinkedHashMap<>();
    backendSets.put("X-Header-Set-2", "set-val-2");
    backendSets.put("X-Header-Add-2", "add-val-2");
    backendSets.put("X-Header-Remove-2", "remove-val-2");
    backendSets.put("Another-Header", "another-header-val");
    backendSets.put("X-Header-Remove-1", "val");
    Map<String, String> multiple = new LinkedHashMap<>();
    multiple.put("X-Header-Set-1", "header-set-1");
    multiple.put("X-Header-Set-2", "header-set-2");
    multiple.put("X-Header-Add-1", "header-add-1");
    multiple.put("X-Header-Add-2", "add-val-2,header-add-2");
    multiple.put("X-Header-Add-3", "header-add-3");
    multiple.put("Another-Header", "another-header-val");
    expectResponse(
        gateway,
        "/multiple",
        backendSets,
        multiple,
        List.of("X-Header-Remove-1", "X-Header-Remove-2"));
    // The backend sends lower-case names, the filter names headers in other cases.
    Map<String, String> lowerCase = new LinkedHashMap<>();
    lowerCase.put("x-header-set", "original-val-set");
    lowerCase.put("x-header-add", "original-val-add");
    lowerCase.put("x-header-remove", "original-val-remove");
    lowerCase.put("Another-Header", "another-header-val");
    Map<String, String> anyCase = new LinkedHashMap<>();
    anyCase.put("X-Header-Set", "header-set");
    anyCase.put("X-Header-Add", "original-val-add,header-add");
    anyCase.put("X-Lowercase-Add", "lowercase-add");
    anyCase.put("X-Mixedcase-Add-1", "mixedcase-add-1");
    anyCase.put("X-Mixedcase-Add-2", "mixedcase-add-2");
    anyCase.put("X-Uppercase-Add", "uppercase-add");
    anyCase.put("Another-Header", "another-header-val");
    expectResponse(
        gateway,
        "/case-insensitivity",
        lowerCase,
        anyCase,
        List.of("x-header-remove", "X-Header-Remove"));

    // Both modifiers on one rule: each changes its own direction only.
    Map<String, String> bothSets = new LinkedHashMap<>(backendSets);
    bothSets.put("X-Header-Remove-1", "remove-val-1");
    bothSets.put("X-Header-Echo", "echo");
    ScenarioRequest both =
        get("/response-and-request-header-modifiers")
            .withHeader("X-Header-Remove", "remove-val")
            .withHeader("X-Header-Add-Append", "append-val-1")
            .withHeader("X-Header-Echo", "echo")
            .withHeader(ECHO_SET_HEADER, echoSetHeader(bothSets));
    ScenarioResponse response = gateway.expectStatus(both, 200);
    EchoedRequest echoed = response.echo();
    assertThat(echoed.backend()).isEqualTo(V1);
    assertThat(echoed.path()).isEqualTo("/response-and-request-header-modifiers");
    assertHeaders(
        both,
        echoed::joinedHeader,
        Map.of(
            "X-Header-Add", "header-val-1",
            "X-Header-Set", "set-overwrites-values",
            "X-Header-Add-Append", "append-val-1,header-val-2",
            "X-Header-Echo", "echo"),
        List.of("X-Header-Remove"));
    Map<String, String> bothResponse = new LinkedHashMap<>(multiple);
    bothResponse.remove("X-Header-Add-3");
    bothResponse.put("X-Header-Echo", "echo");
    assertHeaders(
        response,
        response::joinedHeader,
        bothResponse,
        List.of("X-Header-Remove-1", "X-Header-Remove-2"));
  }

  /** What HTTPRouteRequestHeaderModifier and its backendRef variant send and expect. */
  private static void expectRequestHeadersModified(GatewayClient gateway) {
    expectRequest(
        gateway,
        get("/set").withHeader("Some-Other-Header", "val"),
        Map.of("Some-Other-Header", "val", "X-Header-Set", "set-overwrites-values"),
        List.of());
    expectRequest(
        gateway,
        get("/set")
            .withHeader("Some-Other-Header", "val")
            .withHeader("X-Header-Set", "some-other-value"),
        Map.of("Some-Other-Header", "val", "X-Header-Set", "set-overwrites-values"),
        List.of());
    expectRequest(
        gateway,
        get("/add").withHeader("Some-Other-Header", "val"),
        Map.of("Some-Other-Header", "val", "X-Header-Add", "add-appends-values"),
        List.of());
    expectRequest(
        gateway,
        get("/add")
            .withHeader("Some-Other-Header", "val")
            .withHeader("X-Header-Add", "some-other-value"),
        Map.of("Some-Other-Header", "val", "X-Header-Add", "some-other-value,add-appends-values"),
        List.of());
    expectRequest(
        gateway,
        get("/remove").withHeader("X-Header-Remove", "val"),
        Map.of(),
        List.of("X-Header-Remove"));
    Map<String, String> multiple = new LinkedHashMap<>();
    multiple.put("X-Header-Set-1", "header-set-1");
    multiple.put("X-Header-Set-2", "header-set-2");
    multiple.put("X-Header-Add-1", "header-add-1");
    multiple.put("X-Header-Add-2", "add-val-2,header-add-2");
    multiple.put("X-Header-Add-3", "header-add-3");
    multiple.put("Another-Header", "another-header-val");
    expectRequest(
        gateway,
        get("/multiple")
            .withHeader("X-Header-Set-2", "set-val-2")
            .withHeader("X-Header-Add-2", "add-val-2")
            .withHeader("X-Header-Remove-2", "remove-val-2")
            .withHeader("Another-Header", "another-header-val"),
        multiple,
        List.of("X-Header-Remove-1", "X-Header-Remove-2"));
    // The request sends lower-case names, the filter names them in canonical case.
    expectRequest(
        gateway,
        get("/case-insensitivity")
            .withHeader("x-header-set", "original-val-set")
            .withHeader("x-header-add", "original-val-add")
            .withHeader("x-header-remove", "original-val-remove")
            .withHeader("Another-Header", "another-header-val"),
        Map.of(
            "X-Header-Set", "header-set",
            "X-Header-Add", "original-val-add,header-add",
            "Another-Header", "another-header-val"),
        List.of("x-header-remove", "X-Header-Remove"));
  }

  /** Sends the request; infra-backend-v1 must get it on the same path with those headers. */
  private static void expectRequest(
      GatewayClient gateway,
      ScenarioRequest request,
      Map<String, String> present,
      List<String> absent) {
    EchoedRequest echoed = gateway.expectBackend(request, INFRA, V1);
    assertThat(echoed.path()).as("path the backend saw for %s", request).isEqualTo(request.path());
    assertHeaders(request, echoed::joinedHeader, present, absent);
  }

  /**
   * Asks infra-backend-v1 to answer {@code path} with the headers {@code backendSets}, and checks
   * the response headers the client gets.
   */
  private static void expectResponse(
      GatewayClient gateway,
      String path,
      Map<String, String> backendSets,
      Map<String, String> present,
      List<String> absent) {
    ScenarioRequest request = get(path).withHeader(ECHO_SET_HEADER, echoSetHeader(backendSets));
    ScenarioResponse response = gateway.expectStatus(request, 200);
    assertThat(response.echo().backend()).as("backend answering %s", request).isEqualTo(V1);
    assertHeaders(response, response::joinedHeader, present, absent);
  }

  private static String echoSetHeader(Map<String, String> headers) {
    return headers.entrySet().stream()
        .map(header -> header.getKey() + ":" + header.getValue())
        .collect(Collectors.joining(","));
  }

  private static GatewayClient applyAndAccept(String manifest, String route) {
    conformance.apply(manifest);
    expect.gatewayAndRoutesAccepted(INFRA, GATEWAY, INFRA, route);
    expect.routeResolvedRefs(INFRA, route, INFRA, GATEWAY);
    return conformance.gateway(INFRA, GATEWAY);
  }
}
