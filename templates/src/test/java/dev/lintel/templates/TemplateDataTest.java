package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateDataTest {
  @Test
  void recordsBecomeMapsOfComponentsWithEnumNamesAndNulls() {
    Map<String, Object> data = TemplateData.of(SampleConfigs.rejectedBackend());

    assertThat(data).containsEntry("version", 1).containsEntry("gateway", "default/gateway");
    Map<?, ?> listener = (Map<?, ?>) ((List<?>) data.get("listeners")).get(0);
    assertThat(listener.get("protocol")).isEqualTo("HTTP");
    Map<?, ?> host = (Map<?, ?>) ((List<?>) listener.get("virtualHosts")).get(0);
    Map<?, ?> route = (Map<?, ?>) ((List<?>) host.get("routes")).get(0);
    List<?> backends = (List<?>) route.get("backends");
    assertThat(((Map<?, ?>) backends.get(0)).containsKey("rejected")).isTrue();
    assertThat(((Map<?, ?>) backends.get(0)).get("rejected")).isNull();
    assertThat(((Map<?, ?>) route.get("match")).get("path"))
        .isEqualTo(Map.of("type", "PathPrefix", "value", "/"));
  }

  record Weighted(String name, double weight) {}

  record Flagged(String name, boolean enabled) {}

  @Test
  void typesWithoutARenderingAreRefused() {
    assertThatThrownBy(() -> TemplateData.of(new Weighted("x", 0.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Double");
  }

  @Test
  void booleansStayBooleansForTheJsonBooleanMacro() {
    assertThat(TemplateData.of(new Flagged("x", true))).containsEntry("enabled", true);
    assertThat(TemplateData.of(new Flagged("x", false))).containsEntry("enabled", false);
  }
}
