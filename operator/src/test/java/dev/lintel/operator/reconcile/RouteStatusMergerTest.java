package dev.lintel.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteStatusMergerTest {
  private static final String OURS = "lintel.dev/gateway-controller";
  private static final String THEIRS = "example.com/other";
  private static final String NOW = "2030-01-01T00:00:00Z";
  private static final ResourceID WEB = new ResourceID("web", "apps");

  private final RouteStatusMerger merger =
      new RouteStatusMerger(OURS, new StatusTimes(Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC)));

  @Test
  void replacesOurEntryForThisGatewayInPlaceAndKeepsEveryOtherEntry() {
    HTTPRoute route =
        route(
            entry(THEIRS, "web", null, "Accepted", "True", "2020-01-01T00:00:00Z"),
            entry(OURS, "web", null, "Accepted", "True", "2021-01-01T00:00:00Z"),
            entry(OURS, "other-gw", null, "Accepted", "True", "2022-01-01T00:00:00Z"));
    HTTPRouteStatus translated =
        status(
            entry(OURS, "web", null, "Accepted", "False", null),
            entry(OURS, "other-gw", null, "Accepted", "False", null));

    List<RouteParentStatus> parents = merger.merge(route, translated, WEB).getParents();

    assertThat(parents)
        .extracting(RouteParentStatus::getControllerName)
        .containsExactly(THEIRS, OURS, OURS);
    assertThat(parents.get(0)).isEqualTo(route.getStatus().getParents().get(0));
    assertThat(parents.get(1).getParentRef().getName()).isEqualTo("web");
    assertThat(parents.get(1).getConditions().get(0).getStatus()).isEqualTo("False");
    assertThat(parents.get(1).getConditions().get(0).getLastTransitionTime()).isEqualTo(NOW);
    assertThat(parents.get(2))
        .as("another Gateway's entry is that Gateway's business")
        .isEqualTo(route.getStatus().getParents().get(2));
  }

  @Test
  void unchangedConditionKeepsItsTransitionTime() {
    HTTPRoute route = route(entry(OURS, "web", null, "Accepted", "True", "2021-01-01T00:00:00Z"));
    List<RouteParentStatus> parents =
        merger
            .merge(route, status(entry(OURS, "web", null, "Accepted", "True", null)), WEB)
            .getParents();
    assertThat(parents.get(0).getConditions().get(0).getLastTransitionTime())
        .isEqualTo("2021-01-01T00:00:00Z");
  }

  @Test
  void removesOurEntryWhenTheParentRefIsGoneAndAppendsNewOnes() {
    HTTPRoute route =
        route(
            entry(OURS, "web", "http", "Accepted", "True", "2021-01-01T00:00:00Z"),
            entry(THEIRS, "web", "http", "Accepted", "True", "2020-01-01T00:00:00Z"));
    HTTPRouteStatus translated = status(entry(OURS, "web", "https", "Accepted", "True", null));

    List<RouteParentStatus> parents = merger.merge(route, translated, WEB).getParents();

    assertThat(parents)
        .extracting(p -> p.getControllerName() + ":" + p.getParentRef().getSectionName())
        .containsExactly(THEIRS + ":http", OURS + ":https");
    assertThat(merger.merge(route, null, WEB).getParents())
        .extracting(RouteParentStatus::getControllerName)
        .containsExactly(THEIRS);
  }

  @Test
  void parentRefNamespaceDefaultsToTheRoutesNamespace() {
    RouteParentStatus explicit =
        entry(OURS, "web", null, "Accepted", "True", "2021-01-01T00:00:00Z");
    explicit.getParentRef().setNamespace("apps");
    HTTPRoute route = route(explicit);
    List<RouteParentStatus> parents = merger.merge(route, status(), WEB).getParents();
    assertThat(parents).as("our entry for apps/web, written with an explicit namespace").isEmpty();
    assertThat(merger.merge(route, status(), new ResourceID("web", "elsewhere")).getParents())
        .hasSize(1);
  }

  private static HTTPRoute route(RouteParentStatus... parents) {
    HTTPRoute route =
        new HTTPRouteBuilder()
            .withNewMetadata()
            .withNamespace("apps")
            .withName("app")
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    route.setStatus(status(parents));
    return route;
  }

  private static HTTPRouteStatus status(RouteParentStatus... parents) {
    HTTPRouteStatus status = new HTTPRouteStatus();
    status.setParents(new ArrayList<>(List.of(parents)));
    return status;
  }

  private static RouteParentStatus entry(
      String controller, String gateway, String section, String type, String status, String time) {
    Condition condition =
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(type)
            .withMessage("")
            .withLastTransitionTime(time)
            .build();
    return new RouteParentStatusBuilder()
        .withControllerName(controller)
        .withParentRef(
            new ParentReferenceBuilder().withName(gateway).withSectionName(section).build())
        .withConditions(condition)
        .build();
  }
}
