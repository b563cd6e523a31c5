package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.Timeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePrecedenceTest {
  private static HTTPRoute route(String namespace, String name, String created) {
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withCreationTimestamp(created)
        .endMetadata()
        .build();
  }

  private static MatchEntry entry(
      HTTPRoute route, int rule, int match, PathMatchType type, String path) {
    return new MatchEntry(
        route,
        rule,
        match,
        RouteMatch.path(new PathMatch(type, path)),
        RouteFilters.NONE,
        Timeouts.NONE,
        null,
        List.of());
  }

  @Test
  void sortsByPathTypeLengthAgeNameRuleAndMatch() {
    HTTPRoute old = route("b", "old", "2024-01-01T00:00:00Z");
    HTTPRoute young = route("a", "young", "2024-06-01T00:00:00Z");
    HTTPRoute sameAgeA = route("a", "z", "2024-01-01T00:00:00Z");
    HTTPRoute unstored = route("a", "a", null);
    List<MatchEntry> expected =
        List.of(
            entry(young, 0, 0, PathMatchType.Exact, "/x"),
            entry(young, 0, 1, PathMatchType.PathPrefix, "/longer"),
            entry(sameAgeA, 0, 0, PathMatchType.PathPrefix, "/p"),
            entry(old, 0, 0, PathMatchType.PathPrefix, "/p"),
            entry(old, 1, 0, PathMatchType.PathPrefix, "/p"),
            entry(old, 1, 1, PathMatchType.PathPrefix, "/p"),
            entry(young, 0, 2, PathMatchType.PathPrefix, "/p"),
            entry(unstored, 0, 0, PathMatchType.PathPrefix, "/p"),
            entry(old, 2, 0, PathMatchType.PathPrefix, "/"));
    List<MatchEntry> shuffled = new ArrayList<>(expected);
    java.util.Collections.reverse(shuffled);
    shuffled.sort(RoutePrecedence.ORDER);
    assertThat(shuffled)
        .extracting(MatchEntry::name)
        .containsExactlyElementsOf(expected.stream().map(MatchEntry::name).toList());
  }

  @Test
  void comparesTimestampsAsInstantsNotText() {
    HTTPRoute utcLater = route("a", "a", "2024-01-01T10:30:00Z");
    HTTPRoute offsetEarlier = route("a", "b", "2024-01-01T11:00:00+01:00");
    List<MatchEntry> entries =
        new ArrayList<>(
            List.of(
                entry(utcLater, 0, 0, PathMatchType.PathPrefix, "/"),
                entry(offsetEarlier, 0, 0, PathMatchType.PathPrefix, "/")));
    entries.sort(RoutePrecedence.ORDER);
    assertThat(entries.get(0).route()).isSameAs(offsetEarlier);
  }
}
