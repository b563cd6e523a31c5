package dev.lintel.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.PathMatch;
import dev.lintel.proxy.config.PathMatchType;
import dev.lintel.proxy.config.PathModifier;
import dev.lintel.proxy.config.PathModifierType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathRewriterTest {
  @ParameterizedTest(name = "prefix {0} -> {1}: {2} becomes {3}")
  @CsvSource({
    "/prefix/one, /one, /prefix/one/two, /one/two",
    "/prefix/one, /one, /prefix/one, /one",
    "/strip-prefix, /, /strip-prefix/three, /three",
    "/strip-prefix, /, /strip-prefix, /",
    "/strip-prefix/, /, /strip-prefix/three, /three",
    "/original-prefix, /replacement-prefix, /original-prefix/lemon, /replacement-prefix/lemon",
    "/a, /b/, /a/, /b/",
    "/, /v2, /x/y, /v2/x/y",
    "/old, /new, /old?k=v, /new?k=v",
    "/old, /new, /old/p?k=v#frag, /new/p?k=v",
  })
  void replacesTheMatchedPrefixAndKeepsTheQuery(
      String prefix, String replacement, String target, String expected) {
    assertThat(
            PathRewriter.target(
                target,
                new PathModifier(PathModifierType.ReplacePrefixMatch, replacement),
                new PathMatch(PathMatchType.PathPrefix, prefix)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/full/one/two, /one, /one", "/full?x=1, /one, /one?x=1"})
  void replacesTheFullPath(String target, String replacement, String expected) {
    assertThat(
            PathRewriter.target(
                target,
                new PathModifier(PathModifierType.ReplaceFullPath, replacement),
                new PathMatch(PathMatchType.PathPrefix, "/full")))
        .isEqualTo(expected);
  }
}
