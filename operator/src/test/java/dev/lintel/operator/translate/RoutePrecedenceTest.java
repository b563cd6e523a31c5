package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.RouteFilters;
import dev.lintel.proxy.config.RouteMatch;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.config.ValueMatch;
import dev.lintel.proxy.config.ValueMatchType;
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

  /** A GRPCRoute match: the path is what the converter made of the method match. */
  private static MatchEntry grpc(
      HTTPRoute route, int rule, int headers, int serviceChars, int methodChars) {
    List<ValueMatch> headerMatches = new ArrayList<>();
    for (int h = 0; h < headers; h++) {
      headerMatches.add(new ValueMatch(ValueMatchType.Exact, "h" + h, "v"));
    }
    return new MatchEntry(
        route,
        rule,
        0,
        new RouteMatch(
            new PathMatch(PathMatchType.RegularExpression, "/x"), null, headerMatches, List.of()),
        RouteFilters.NONE,
        Timeouts.NONE,
        null,
        List.of(),
        new MethodRank(serviceChars, methodChars));
  }

  @Test
  void sortsGrpcMatchesByServiceThenMethodThenHeadersThenAge() {
    HTTPRoute old = route("a", "old", "2024-01-01T00:00:00Z");
    HTTPRoute young = route("a", "young", "2024-06-01T00:00:00Z");
    List<MatchEntry> expected =
        List.of(
            grpc(young, 0, 0, 12, 0), // the longer service wins over a method
            grpc(young, 1, 0, 8, 4),
            grpc(young, 2, 1, 8, 0), // then more header matches
            grpc(old, 0, 0, 8, 0), // then the older route
            grpc(young, 3, 0, 8, 0),
            grpc(old, 1, 2, 0, 9), // a method only comes after every service
            grpc(old, 2, 0, 0, 0));
    List<MatchEntry> shuffled = new ArrayList<>(expected);
    java.util.Collections.reverse(shuffled);
    shuffled.sort(RoutePrecedence.ORDER);
    assertThat(shuffled)
        .extracting(MatchEntry::name)
        .containsExactlyElementsOf(expected.stream().map(MatchEntry::name).toList());
    assertThat(expected.get(0).name()).isEqualTo("grpc:a/young/rule-0/match-0");
  }
}
