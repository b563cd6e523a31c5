package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostnameIntersectionTest {
  @Test
  void neitherSideNamesAHostMeansAnyHost() {
    assertThat(HostnameIntersection.intersect(null, null)).contains("*");
  }

  @Test
  void aMissingSideInheritsTheOther() {
    assertThat(HostnameIntersection.intersect(null, "foo.example.com")).contains("foo.example.com");
    assertThat(HostnameIntersection.intersect("*.example.com", null)).contains("*.example.com");
  }

  @Test
  void wildcardListenerKeepsTheMatchingExactRouteHostname() {
    assertThat(HostnameIntersection.intersect("*.example.com", "foo.example.com"))
        .contains("foo.example.com");
    assertThat(HostnameIntersection.intersect("*.example.com", "a.b.example.com"))
        .contains("a.b.example.com");
    assertThat(HostnameIntersection.intersect("foo.example.com", "*.example.com"))
        .contains("foo.example.com");
  }

  @Test
  void twoWildcardsIntersectInTheMoreSpecificOne() {
    assertThat(HostnameIntersection.intersect("*.example.com", "*.bar.example.com"))
        .contains("*.bar.example.com");
    assertThat(HostnameIntersection.intersect("*.bar.example.com", "*.example.com"))
        .contains("*.bar.example.com");
    assertThat(HostnameIntersection.intersect("*.example.com", "*.example.com"))
        .contains("*.example.com");
  }

  @Test
  void aWildcardNeedsAtLeastOneMoreLabel() {
    assertThat(HostnameIntersection.intersect("*.example.com", "example.com")).isEmpty();
    assertThat(HostnameIntersection.intersect("*.example.com", "badexample.com")).isEmpty();
  }

  @Test
  void differentNamesDoNotIntersect() {
    assertThat(HostnameIntersection.intersect("foo.example.com", "bar.example.com")).isEmpty();
    assertThat(HostnameIntersection.intersect("*.example.com", "*.example.org")).isEmpty();
  }

  @Test
  void validatesLikeTheGatewayApiSchema() {
    assertThat(HostnameIntersection.problem("foo.example.com")).isEmpty();
    assertThat(HostnameIntersection.problem("*.example.com")).isEmpty();
    assertThat(HostnameIntersection.problem("Foo.example.com")).isPresent();
    assertThat(HostnameIntersection.problem("foo_bar.example.com")).isPresent();
    assertThat(HostnameIntersection.problem("foo.*.com")).isPresent();
    assertThat(HostnameIntersection.problem("10.0.0.1")).get().asString().contains("IP address");
    assertThat(HostnameIntersection.problem("::1")).isPresent();
  }

  @Test
  void ordersBySpecificity() {
    List<String> names =
        new ArrayList<>(List.of("*", "*.example.com", "a.example.com", "*.b.example.com"));
    names.sort(HostnameIntersection::bySpecificity);
    assertThat(names).containsExactly("a.example.com", "*.b.example.com", "*.example.com", "*");
  }

  @Test
  void coversEqualWildcardAndAny() {
    assertThat(HostnameIntersection.covers("*", "x.org")).isTrue();
    assertThat(HostnameIntersection.covers("*.example.com", "*.b.example.com")).isTrue();
    assertThat(HostnameIntersection.covers("*.b.example.com", "*.example.com")).isFalse();
    assertThat(HostnameIntersection.covers("a.example.com", "*.example.com")).isFalse();
  }
}
