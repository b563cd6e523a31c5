package dev.lintel.operator.scenarios;

import static dev.lintel.operator.scenarios.ConformanceRuntime.INFRA;
import static dev.lintel.operator.scenarios.ScenarioRequest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upstream ListenerSet conformance tests (GEP-1713) that need neither TLS nor HTTP/2: which
 * ListenerSets attach to a Gateway, how their listeners merge with the Gateway's, the status of
 * ListenerSets, Gateways and routes, and which backend answers which host. Each method is named
 * after the upstream test's ShortName.
 */
class ListenerSetIT extends ConformanceTest {
  /** What an HTTP or HTTPS listener lists in supportedKinds unless its allowedRoutes narrow it. */
  private static final List<String> HTTP_ROUTE =
      List.of("gateway.networking.k8s.io/HTTPRoute", "gateway.networking.k8s.io/GRPCRoute");

  /** Upstream's accepted listener conditions, as (type, status) pairs. */
  private static final String[] ACCEPTED = {
    "Accepted", "True", "ResolvedRefs", "True", "Programmed", "True"
  };

  @Test
  void ListenerSetDefaultNotAllowed() {
    conformance.apply("listenerset-default-not-allowed.yaml");
    String gateway = "gateway-default-does-not-allow-listenerset";
    expectAcceptedWithListenerSets(gateway, 0);

    String listenerSet = "listenerset-default-not-allowed";
    expect.listenerSetCondition(INFRA, listenerSet, "Accepted", "False", "NotAllowed");
    expect.listenerSetCondition(INFRA, listenerSet, "Programmed", "False", "NotAllowed");
    // Not asserted upstream: nothing of the refused ListenerSet is served.
    conformance
        .gateway(INFRA, gateway)
        .expectStatus(get("listener-set-1-listener-1.com", "/route"), 404);
    conformance
        .gateway(INFRA, gateway)
        .expectBackend(get("gateway-listener-1.com", "/route"), INFRA, "infra-backend-v1");
  }

  @Test
  void ListenerSetParentNotAccepted() {
    conformance.apply("listenerset-parent-not-accepted.yaml");
    String gateway = "gateway-with-listenerset-not-accepted";
    assertThat(status.gatewayCondition(INFRA, gateway, "Accepted"))
        .extracting(StatusCondition::status, StatusCondition::reason)
        .containsExactly("False", "InvalidParameters");
    expect.conditionsAreLatest("Gateway", INFRA, gateway);
    assertThat(status.attachedListenerSets(INFRA, gateway)).isZero();

    String listenerSet = "listenerset-parent-not-accepted";
    expect.listenerSetCondition(INFRA, listenerSet, "Accepted", "False", "ParentNotAccepted");
    expect.listenerSetCondition(INFRA, listenerSet, "Programmed", "False", null);
  }

  @Test
  void ListenerSetAllowedNamespaceSelector() {
    conformance.apply("listenerset-allowed-namespace-selector.yaml");
    String gateway = "gateway-allows-listenerset-in-selected-namespace";
    expectAcceptedWithListenerSets(gateway, 1);

    String allowedNamespace = "gateway-api-listenerset-selector-allowed-ns";
    String allowed = "listenerset-in-selected-namespace";
    expect.listenerSetCondition(allowedNamespace, allowed, "Accepted", "True", "Accepted");
    expect.listenerSetCondition(allowedNamespace, allowed, "Programmed", "True", "Programmed");
    expect.listenerSetListener(
        allowedNamespace,
        allowed,
        "listenerset-in-selected-namespace-listener",
        1,
        HTTP_ROUTE,
        ACCEPTED);

    String refusedNamespace = "gateway-api-listenerset-selector-not-allowed-ns";
    String refused = "listenerset-not-in-selected-namespace";
    expect.listenerSetCondition(refusedNamespace, refused, "Accepted", "False", "NotAllowed");
    expect.listenerSetCondition(refusedNamespace, refused, "Programmed", "False", "NotAllowed");

    // Not asserted upstream: the allowed ListenerSet's host is served, the refused one's is not.
    GatewayClient client = conformance.gateway(INFRA, gateway);
    client.expectBackend(
        get("listenerset-in-selected-namespace.com", "/route"), INFRA, "infra-backend-v1");
    client.expectStatus(get("listenerset-not-in-selected-namespace.com", "/route"), 404);
  }

  @Test
  void ListenerSetAllowedRoutesNamespaces() {
    conformance.apply("listenerset-allowed-routes-namespaces.yaml");
    String gateway = "gateway-with-listener-sets-test-allowed-routes";
    expectAcceptedWithListenerSets(gateway, 1);

    String listenerSet = "listenerset-test-allowed-routes-namespaces";
    expect.routeAcceptedByListenerSet(INFRA, "route-in-same-namespace", INFRA, listenerSet);
    expect.routeAcceptedByListenerSet(
        "gateway-api-routes-allowed-ns", "route-in-selected-namespace", INFRA, listenerSet);
    expect.routeAcceptedByListenerSet(
        "gateway-api-routes-not-allowed-ns", "route-not-in-selected-namespace", INFRA, listenerSet);
    expect.listenerSetListener(
        INFRA, listenerSet, "listener-set-listener-allowed-routes-all", 3, HTTP_ROUTE, ACCEPTED);
    expect.listenerSetListener(
        INFRA, listenerSet, "listener-set-listener-allowed-routes-same", 1, HTTP_ROUTE, ACCEPTED);
    expect.listenerSetListener(
        INFRA,
        listenerSet,
        "listener-set-listener-allowed-routes-selector",
        1,
        HTTP_ROUTE,
        ACCEPTED);

    GatewayClient client = conformance.gateway(INFRA, gateway);
    String all = "listener-set-listener-allowed-routes-all.com";
    client.expectBackend(get(all, "/route-in-same-namespace"), INFRA, "infra-backend-v1");
    client.expectBackend(get(all, "/route-in-selected-namespace"), INFRA, "infra-backend-v2");
    client.expectBackend(get(all, "/route-not-in-selected-namespace"), INFRA, "infra-backend-v3");
    String same = "listener-set-listener-allowed-routes-same.com";
    client.expectBackend(get(same, "/route-in-same-namespace"), INFRA, "infra-backend-v1");
    client.expectStatus(get(same, "/route-in-selected-namespace"), 404);
    client.expectStatus(get(same, "/route-not-in-selected-namespace"), 404);
    String selector = "listener-set-listener-allowed-routes-selector.com";
    client.expectStatus(get(selector, "/route-in-same-namespace"), 404);
    client.expectBackend(get(selector, "/route-in-selected-namespace"), INFRA, "infra-backend-v2");
    client.expectStatus(get(selector, "/route-not-in-selected-namespace"), 404);
  }

  @Test
  void ListenerSetAllowedRoutesSupportedKinds() {
    conformance.apply("listenerset-allowed-routes-supported-kinds.yaml");
    String gateway = "gateway-with-listener-sets-test-supported-route-kinds";
    expectAcceptedWithListenerSets(gateway, 1);

    String listenerSet = "listenerset-test-allowed-routes-supported-kinds";
    expect.routeAcceptedByListenerSet(
        INFRA, "listener-sets-test-supported-route-kinds-http-route", INFRA, listenerSet);
    expect.listenerSetListener(
        INFRA,
        listenerSet,
        "listener-set-listener-allowed-routes-http-only",
        1,
        List.of("gateway.networking.k8s.io/HTTPRoute"),
        ACCEPTED);
  }

  @Test
  void ListenerSetReferenceGrant() {
    conformance.apply("listenerset-reference-grant.yaml");
    String gateway = "gateway-with-listener-sets-test-reference-grant";
    assertThat(status.gatewayCondition(INFRA, gateway, "Accepted").isTrue()).isTrue();

    String granted = "listenerset-with-reference-grant";
    expect.listenerSetAccepted(INFRA, granted);
    assertThat(
            status
                .listenerSetListener(INFRA, granted, "listenerset-with-reference-grant-listener")
                .condition("ResolvedRefs")
                .status())
        .isEqualTo("True");

    String elsewhere = "gateway-api-listener-sets-test-reference-grant-ns";
    String refused = "listenerset-without-reference-grant";
    expect.listenerSetHasNoValidListeners(elsewhere, refused);
    StatusCondition resolvedRefs =
        status
            .listenerSetListener(elsewhere, refused, "listenerset-without-reference-grant-listener")
            .condition("ResolvedRefs");
    assertThat(resolvedRefs.status()).isEqualTo("False");
    assertThat(resolvedRefs.reason()).isEqualTo("RefNotPermitted");
  }

  @Test
  void ListenerSetHostnameConflict() {
    conformance.apply("listenerset-hostname-conflict.yaml");

    // Same-namespace hostname conflicts.
    String gateway = "gateway-with-listenerset-hostname-conflict";
    assertThat(status.gatewayCondition(INFRA, gateway, "Accepted").isTrue()).isTrue();
    expect.listenerAccepted(INFRA, gateway, "gateway-listener");
    expect.listenerAccepted(INFRA, gateway, "hostname-conflict-with-gateway-listener");
    assertThat(status.attachedListenerSets(INFRA, gateway)).isEqualTo(2);

    String first = "listenerset-with-hostname-conflict-with-gateway-1";
    expect.listenerSetAccepted(INFRA, first);
    expect.listenerSetListenerAccepted(INFRA, first, "listener-set-1-listener");
    expect.listenerSetListenerConflicted(INFRA, first, "hostname-conflict-with-gateway-listener");
    expect.listenerSetListenerAccepted(
        INFRA, first, "hostname-conflict-with-listener-set-listener");

    String second = "listenerset-with-hostname-conflict-with-gateway-2";
    expect.listenerSetHasNoValidListeners(INFRA, second);
    expect.listenerSetListenerConflicted(INFRA, second, "hostname-conflict-with-gateway-listener");

    String third = "listenerset-with-hostname-conflict-with-listener-set-1";
    expect.listenerSetAccepted(INFRA, third);
    expect.listenerSetListenerAccepted(INFRA, third, "listener-set-2-listener");
    expect.listenerSetListenerConflicted(
        INFRA, third, "hostname-conflict-with-listener-set-listener");

    String fourth = "listenerset-with-hostname-conflict-with-listener-set-2";
    expect.listenerSetHasNoValidListeners(INFRA, fourth);
    expect.listenerSetListenerConflicted(
        INFRA, fourth, "hostname-conflict-with-listener-set-listener");

    // Wildcard hostname conflict.
    String wildcardGateway = "gateway-ls-wildcard-conflict";
    expectAcceptedWithListenerSets(wildcardGateway, 1);
    expect.listenerSetAccepted(INFRA, "ls-wildcard-a");
    expect.listenerSetListenerAccepted(INFRA, "ls-wildcard-a", "wildcard-listener");
    expect.listenerSetHasNoValidListeners(INFRA, "ls-wildcard-b");
    expect.listenerSetListenerConflicted(INFRA, "ls-wildcard-b", "wildcard-listener");

    // Cross-namespace hostname conflict precedence.
    String namespaceA = "gateway-api-ls-conflict-ns-a";
    String namespaceB = "gateway-api-ls-conflict-ns-b";
    String crossGateway = "gateway-ls-cross-ns-conflict";
    expectAcceptedWithListenerSets(crossGateway, 2);
    String setA = "ls-cross-ns-conflict-a";
    expect.listenerSetCondition(namespaceA, setA, "Accepted", "True", null);
    expect.listenerSetListenerAccepted(namespaceA, setA, "conflict-listener");
    expect.listenerSetListenerAccepted(namespaceA, setA, "unique-a-listener");
    String setB = "ls-cross-ns-conflict-b";
    expect.listenerSetCondition(namespaceB, setB, "Accepted", "True", null);
    expect.listenerSetListenerConflicted(namespaceB, setB, "conflict-listener");
    expect.listenerSetListenerAccepted(namespaceB, setB, "unique-b-listener");
    expect.routeAcceptedByListenerSet(namespaceA, "route-for-ls-a", namespaceA, setA);
    expect.routeAcceptedByListenerSet(namespaceB, "route-for-ls-b-unique", namespaceB, setB);

    GatewayClient client = conformance.gateway(INFRA, crossGateway);
    client.expectBackend(get("cross-ns-conflict.com", "/route-a"), INFRA, "infra-backend-v1");
    client.expectBackend(get("unique-b.com", "/route-b"), INFRA, "infra-backend-v2");
  }

  @Test
  void ListenerSetDualParentRefIndependence() {
    conformance.apply("listenerset-dual-parentref-independence.yaml");
    String gateway = "gateway-dual-parentref";
    expectAcceptedWithListenerSets(gateway, 1);
    String listenerSet = "ls-dual-parentref";
    expect.listenerSetListener(
        INFRA, listenerSet, "ls-dual-parentref-listener", 2, HTTP_ROUTE, ACCEPTED);

    // Both parentRefs are Accepted.
    String both = "route-dual-parentref-both";
    expect.routeCondition(INFRA, both, INFRA, gateway, "Accepted", "True", null);
    expect.routeAcceptedByListenerSet(INFRA, both, INFRA, listenerSet);
    GatewayClient client = conformance.gateway(INFRA, gateway);
    client.expectBackend(get("gw-dual.com", "/dualboth"), INFRA, "infra-backend-v1");
    client.expectBackend(get("ls-dual.com", "/dualboth"), INFRA, "infra-backend-v1");

    // One of two parentRefs is Accepted.
    String one = "route-dual-parentref-one";
    expect.routeCondition(INFRA, one, INFRA, gateway, "Accepted", "False", "NoMatchingParent");
    expect.routeAcceptedByListenerSet(INFRA, one, INFRA, listenerSet);
    client.expectBackend(get("ls-dual.com", "/dualone"), INFRA, "infra-backend-v2");
    client.expectStatus(get("gw-dual.com", "/dualone"), 404);
  }

  @Test
  void ListenerSetUpdateListenerHostname() {
    String listenerSet = "listenerset-update-listener-hostname";
    String route = "httproute-listenerset-update-listener-hostname";
    conformance.apply("listenerset-update-listener-hostname.yaml");
    expect.routeListenerSetCondition(
        INFRA, route, INFRA, listenerSet, "Accepted", "False", "NoMatchingListenerHostname");
    long before = status.generation("ListenerSet", INFRA, listenerSet);

    conformance.update(
        "listenerset-update-listener-hostname.yaml",
        "listenerset-update-listener-hostname-changed.yaml");

    assertThat(status.generation("ListenerSet", INFRA, listenerSet)).isEqualTo(before + 1);
    expect.routeListenerSetCondition(
        INFRA, route, INFRA, listenerSet, "Accepted", "True", "Accepted");
    expect.listenerSetListener(INFRA, listenerSet, "http", 1, HTTP_ROUTE, ACCEPTED);
    // Not asserted upstream: the route is now served under the ListenerSet's hostname.
    conformance
        .gateway(INFRA, "gateway-listenerset-update-listener-hostname")
        .expectBackend(get("accepted.example.com", "/"), INFRA, "infra-backend-v1");
  }

  @Test
  void ListenerSetHTTPRouting() {
    conformance.apply("listenerset-http-routing.yaml");
    String gateway = "gateway-with-listener-sets-http-routing";
    expect.gatewayAndRoutesAccepted(
        INFRA,
        gateway,
        INFRA,
        "attaches-to-all-listeners",
        "gateway-route",
        "gateway-section-route");
    assertThat(status.attachedListenerSets(INFRA, gateway)).isEqualTo(2);

    String first = "listener-set-http-routing-1";
    for (String route :
        List.of(
            "attaches-to-all-listeners",
            "listener-set-http-routing-1-route",
            "listener-set-http-routing-1-section-route")) {
      expect.routeAcceptedByListenerSet(INFRA, route, INFRA, first);
    }
    expect.listenerSetListener(
        INFRA, first, "listener-set-http-routing-1-listener-1", 3, HTTP_ROUTE, ACCEPTED);
    expect.listenerSetListener(
        INFRA, first, "listener-set-http-routing-1-listener-2", 2, HTTP_ROUTE, ACCEPTED);
    String second = "listener-set-http-routing-2";
    for (String route : List.of("attaches-to-all-listeners", "listener-set-http-routing-2-route")) {
      expect.routeAcceptedByListenerSet(INFRA, route, INFRA, second);
    }
    expect.listenerSetListener(
        INFRA, second, "listener-set-http-routing-2-listener-1", 2, HTTP_ROUTE, ACCEPTED);
    expect.listenerSetListener(
        INFRA, second, "listener-set-http-routing-2-listener-2", 2, HTTP_ROUTE, ACCEPTED);

    // Which path answers on which host: the backend, or 404 (null).
    List<String> hosts =
        List.of(
            "gateway-listener-1.com",
            "gateway-listener-2.com",
            "listener-set-http-routing-1-listener-1.com",
            "listener-set-http-routing-1-listener-2.com",
            "listener-set-http-routing-2-listener-1.com",
            "listener-set-http-routing-2-listener-2.com");
    expectPerHost(hosts, "/route", "v1", "v1", "v1", "v1", "v1", "v1");
    expectPerHost(hosts, "/gateway-route", "v2", "v2", null, null, null, null);
    expectPerHost(hosts, "/gateway-section-route", "v3", null, null, null, null, null);
    expectPerHost(hosts, "/listener-set-http-routing-1-route", null, null, "v2", "v2", null, null);
    expectPerHost(
        hosts, "/listener-set-http-routing-1-section-route", null, null, "v3", null, null, null);
    expectPerHost(hosts, "/listener-set-http-routing-2-route", null, null, null, null, "v2", "v2");
  }

  @Test
  void ListenerSetNonDisruptiveConfig() throws Exception {
    conformance.apply("listenerset-nondisruptive-config.yaml");
    String gateway = "nondisruptive-listenerset-conflict";
    assertThat(status.gatewayCondition(INFRA, gateway, "Accepted").isTrue()).isTrue();
    expect.listenerSetCondition(INFRA, "nondisruptive-ls-alpha", "Accepted", "True", "Accepted");
    expect.listenerSetListenerAccepted(INFRA, "nondisruptive-ls-alpha", "shared-listener");
    expect.listenerSetCondition(
        INFRA, "nondisruptive-ls-beta", "Accepted", "False", "ListenersNotValid");
    ListenerState beta =
        status.listenerSetListener(INFRA, "nondisruptive-ls-beta", "shared-listener");
    assertThat(beta.condition("Conflicted"))
        .extracting(StatusCondition::status, StatusCondition::reason)
        .containsExactly("True", "HostnameConflict");
    String route = "nondisruptive-conflict-route";
    expect.routeAcceptedByListenerSet(INFRA, route, INFRA, "nondisruptive-ls-alpha");
    GatewayClient client = conformance.gateway(INFRA, gateway);
    ScenarioRequest request = get("nondisruptive-shared.example.com", "/test");
    client.expectBackend(request, INFRA, "infra-backend-v1");

    try (TrafficLoop traffic = TrafficLoop.start(client, request, "infra-backend-v1")) {
      Thread.sleep(1000);
      conformance.update(
          "listenerset-nondisruptive-config.yaml",
          "listenerset-nondisruptive-config-alpha-deleted.yaml");
      expect.listenerSetListenerAccepted(INFRA, "nondisruptive-ls-beta", "shared-listener");
      expect.routeAcceptedByListenerSet(INFRA, route, INFRA, "nondisruptive-ls-beta");
      Thread.sleep(2000);
      traffic.stopAndExpectNoFailures();
    }

    // Second part: a route moves from the Gateway's wildcard listener to a ListenerSet's specific
    // one under traffic. Until it moves, the specific listener has no routes and takes nothing
    // from the wildcard one.
    conformance.apply("listenerset-nondisruptive-migration.yaml");
    String migrating = "nondisruptive-migration-route";
    String migrationGateway = "nondisruptive-route-migration";
    expect.gatewayAndRoutesAccepted(INFRA, migrationGateway, INFRA, migrating);
    expect.listenerSetCondition(
        INFRA, "nondisruptive-migration-ls", "Accepted", "True", "Accepted");
    GatewayClient migrationClient = conformance.gateway(INFRA, migrationGateway);
    ScenarioRequest migrated = get("something.nondisruptive-app.example.com", "/test");
    migrationClient.expectBackend(migrated, INFRA, "infra-backend-v1");
    try (TrafficLoop traffic = TrafficLoop.start(migrationClient, migrated, "infra-backend-v1")) {
      Thread.sleep(1000);
      conformance.update(
          "listenerset-nondisruptive-migration.yaml",
          "listenerset-nondisruptive-migration-moved.yaml");
      expect.routeAcceptedByListenerSet(INFRA, migrating, INFRA, "nondisruptive-migration-ls");
      Thread.sleep(2000);
      traffic.stopAndExpectNoFailures();
    }
  }

  /** The Gateway is accepted and counts that many attached ListenerSets. */
  private static void expectAcceptedWithListenerSets(String gateway, int attached) {
    assertThat(status.gatewayCondition(INFRA, gateway, "Accepted").isTrue()).isTrue();
    assertThat(status.attachedListenerSets(INFRA, gateway))
        .as("attachedListenerSets of Gateway %s", gateway)
        .isEqualTo(attached);
  }

  /** Sends {@code path} to each host: infra-backend-{version} must answer, or 404 for null. */
  private static void expectPerHost(List<String> hosts, String path, String... versions) {
    GatewayClient client = conformance.gateway(INFRA, "gateway-with-listener-sets-http-routing");
    for (int i = 0; i < hosts.size(); i++) {
      if (versions[i] == null) {
        client.expectStatus(get(hosts.get(i), path), 404);
      } else {
        client.expectBackend(get(hosts.get(i), path), INFRA, "infra-backend-" + versions[i]);
      }
    }
  }
}
