package dev.lintel.proxy.routing;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.exact;
import static dev.lintel.proxy.testing.Configs.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.Route;
import org.junit.jupiter.api.Test;

class PathIndexTest {
  private static PathIndex index(Route... routes) {
    return RoutingCompiler.compile(anyHost(routes));
  }

  private static String find(PathIndex index, String uri) {
    CompiledRoute route = index.find(RequestPath.of(uri));
    return route == null ? null : route.name();
  }

  @Test
  void prefixMatchesWholeSegmentsOnly() {
    PathIndex index = index(prefix("foo", "/foo"));
    assertThat(find(index, "/foo")).isEqualTo("foo");
    assertThat(find(index, "/foo/")).isEqualTo("foo");
    assertThat(find(index, "/foo/bar")).isEqualTo("foo");
    assertThat(find(index, "/foo?x=1")).isEqualTo("foo");
    assertThat(find(index, "/foobar")).isNull();
    assertThat(find(index, "/fo")).isNull();
    assertThat(find(index, "/")).isNull();
  }

  @Test
  void trailingSlashOfPrefixIsIgnored() {
    PathIndex index = index(prefix("foo", "/foo/"));
    assertThat(find(index, "/foo")).isEqualTo("foo");
    assertThat(find(index, "/foo/bar")).isEqualTo("foo");
    assertThat(find(index, "/foobar")).isNull();
  }

  @Test
  void rootPrefixMatchesEverything() {
    PathIndex index = index(prefix("root", "/"));
    assertThat(find(index, "/")).isEqualTo("root");
    assertThat(find(index, "/anything/at/all")).isEqualTo("root");
    assertThat(find(index, "/%zz/../..//x")).isEqualTo("root");
  }

  @Test
  void exactMatchesOnlyTheExactPath() {
    PathIndex index = index(exact("e", "/foo"));
    assertThat(find(index, "/foo")).isEqualTo("e");
    assertThat(find(index, "/foo?q")).isEqualTo("e");
    assertThat(find(index, "/foo/")).isNull();
    assertThat(find(index, "/foo/bar")).isNull();
  }

  @Test
  void exactBeatsPrefixAndLongerPrefixBeatsShorter() {
    PathIndex index =
        index(
            prefix("root", "/"),
            prefix("api", "/api"),
            prefix("api-v1", "/api/v1"),
            exact("api-exact", "/api/v1"));
    assertThat(find(index, "/api/v1")).isEqualTo("api-exact");
    assertThat(find(index, "/api/v1/users")).isEqualTo("api-v1");
    assertThat(find(index, "/api/v2")).isEqualTo("api");
    assertThat(find(index, "/apix")).isEqualTo("root");
  }

  @Test
  void configOrderBreaksTies() {
    PathIndex index =
        index(prefix("first", "/a"), prefix("second", "/a/"), exact("e1", "/x"), exact("e2", "/x"));
    assertThat(find(index, "/a/b")).isEqualTo("first");
    assertThat(find(index, "/x")).isEqualTo("e1");
  }

  @Test
  void fallsBackToShorterPrefixWhenDeeperNodeHasNoRoute() {
    PathIndex index = index(prefix("a", "/a"), prefix("abc", "/a/b/c"));
    assertThat(find(index, "/a/b")).isEqualTo("a");
    assertThat(find(index, "/a/b/d")).isEqualTo("a");
    assertThat(find(index, "/a/b/c/d")).isEqualTo("abc");
  }

  @Test
  void decodesUnreservedCharactersOnly() {
    PathIndex index = index(prefix("tilde", "/~user"), exact("slash", "/a/b"));
    assertThat(find(index, "/%7Euser/x")).isEqualTo("tilde");
    assertThat(find(index, "/%7euser")).isEqualTo("tilde");
    assertThat(find(index, "/a%2Fb")).isNull(); // an encoded slash is not a segment separator
    assertThat(RequestPath.of("/%41%2f%")).isEqualTo("/A%2f%");
  }

  @Test
  void requestTargetFormsAndGarbageDoNotThrow() {
    PathIndex index = index(prefix("root", "/"));
    assertThat(RequestPath.of("http://example.com/x?y")).isEqualTo("/x");
    assertThat(RequestPath.of("http://example.com")).isEqualTo("/");
    assertThat(find(index, "*")).isNull();
    assertThat(find(index, "")).isNull();
    assertThat(find(index, "%%%")).isNull();
    assertThat(find(index, "/#frag")).isEqualTo("root");
  }
}
