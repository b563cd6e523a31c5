package dev.lintel.operator.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigMapRefTest {
  @Test
  void parsesNamespaceSlashName() {
    assertThat(ConfigMapRef.parse("apps/lintel-web"))
        .isEqualTo(new ConfigMapRef("apps", "lintel-web"));
    assertThat(ConfigMapRef.parse("apps/lintel-web")).hasToString("apps/lintel-web");
  }

  @Test
  void rejectsAnythingElse() {
    for (String bad : new String[] {"lintel-web", "/x", "apps/", "a/b/c", ""}) {
      assertThatThrownBy(() -> ConfigMapRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NAMESPACE/NAME");
    }
  }
}
