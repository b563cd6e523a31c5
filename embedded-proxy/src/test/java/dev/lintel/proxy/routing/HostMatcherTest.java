package dev.lintel.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostMatcherTest {
  private final HostMatcher<String> hosts = new HostMatcher<>();

  {
    hosts.put("foo.example.com", "exact");
    hosts.put("*.example.com", "wild");
    hosts.put("*.b.example.com", "wild-b");
  }

  @Test
  void exactNameWinsOverWildcard() {
    assertThat(hosts.find("foo.example.com")).isEqualTo("exact");
  }

  @Test
  void wildcardMatchesOneOrMoreExtraLabelsButNotTheBareDomain() {
    assertThat(hosts.find("a.example.com")).isEqualTo("wild");
    assertThat(hosts.find("x.y.example.com")).isEqualTo("wild");
    assertThat(hosts.find("example.com")).isNull();
    assertThat(hosts.find("notexample.com")).isNull();
  }

  @Test
  void mostSpecificWildcardWins() {
    assertThat(hosts.find("a.b.example.com")).isEqualTo("wild-b");
    assertThat(hosts.find("z.a.b.example.com")).isEqualTo("wild-b");
    assertThat(hosts.find("b.example.com")).isEqualTo("wild");
  }

  @Test
  void catchAllTakesWhatNothingElseMatches() {
    assertThat(hosts.find("other.org")).isNull();
    hosts.put("*", "any");
    assertThat(hosts.find("other.org")).isEqualTo("any");
    assertThat(hosts.find("")).isEqualTo("any");
    assertThat(hosts.find("foo.example.com")).isEqualTo("exact");
  }

  @Test
  void firstRegistrationOfANameWins() {
    hosts.put("foo.example.com", "later");
    assertThat(hosts.find("foo.example.com")).isEqualTo("exact");
  }

  @Test
  void normalizesHostHeaders() {
    assertThat(HostNormalizer.normalize("Foo.Example.COM:8080")).isEqualTo("foo.example.com");
    assertThat(HostNormalizer.normalize("foo.example.com.")).isEqualTo("foo.example.com");
    assertThat(HostNormalizer.normalize("foo.example.com.:80")).isEqualTo("foo.example.com");
    assertThat(HostNormalizer.normalize("[::1]:8080")).isEqualTo("[::1]");
    assertThat(HostNormalizer.normalize("[2001:DB8::1]")).isEqualTo("[2001:db8::1]");
    assertThat(HostNormalizer.normalize("127.0.0.1:80")).isEqualTo("127.0.0.1");
    assertThat(HostNormalizer.normalize(null)).isEmpty();
    assertThat(HostNormalizer.normalize("")).isEmpty();
    assertThat(HostNormalizer.normalize("[::1")).isEqualTo("[::1");
    assertThat(HostNormalizer.normalize(".")).isEqualTo(".");
  }

  @Test
  void unchangedHostIsNotCopied() {
    String host = "foo.example.com";
    assertThat(HostNormalizer.normalize(host)).isSameAs(host);
  }
}
