package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lintel.proxy.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The round-trip gate, proven with deliberately broken test templates (src/test/resources): the
 * renderer must refuse to return text that does not say exactly what the model says.
 */
class ConfigRendererGateTest {
  @Test
  void correctTemplatePassesTheGate() throws Exception {
    assertThat(new ConfigRenderer().render(SampleConfigs.rejectedBackend()))
        .contains("\"rejected\":\"BackendNotFound");
  }

  @Test
  void textThatSaysSomethingElseIsRefusedNamingThePath() {
    ConfigRenderer renderer = new ConfigRenderer("broken-ignores-model.ftl");

    assertThat(renderer.renderUnchecked(SampleConfigs.singleRoute())).contains("someone/else");
    assertThatThrownBy(() -> renderer.render(SampleConfigs.singleRoute()))
        .isInstanceOf(RenderException.class)
        .hasMessage(
            "rendered config differs from the model at gateway: expected \"default/gateway\" but"
                + " read back \"someone/else\"");
  }

  @Test
  void aValueLostDeepInTheTreeIsFound() {
    ConfigRenderer renderer = new ConfigRenderer("broken-drops-rejected.ftl");

    assertThatThrownBy(() -> renderer.render(SampleConfigs.rejectedBackend()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining(
            "listeners[0].virtualHosts[0].routes[0].backends[1].rejected: expected"
                + " \"BackendNotFound: service other/missing not found\" but read back null");
  }

  @Test
  void textThatDoesNotParseIsRefused() {
    ConfigRenderer renderer = new ConfigRenderer("broken-syntax.ftl");

    assertThatThrownBy(() -> renderer.render(SampleConfigs.singleRoute()))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("rendered config does not parse:")
        .hasCauseInstanceOf(ConfigException.class);
  }

  @Test
  void templateErrorsBecomeRenderExceptions() {
    ConfigRenderer renderer = new ConfigRenderer("broken-missing-value.ftl");

    assertThatThrownBy(() -> renderer.render(SampleConfigs.singleRoute()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("broken-missing-value.ftl failed")
        .hasMessageContaining("gatewayName");
    assertThatThrownBy(() -> renderer.renderUnchecked(SampleConfigs.singleRoute()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingTemplateIsARenderException() {
    assertThatThrownBy(() -> new ConfigRenderer("no-such.ftl").render(SampleConfigs.singleRoute()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("no-such.ftl");
  }

  @Test
  void oneRendererServesManyThreads() throws Exception {
    ConfigRenderer renderer = new ConfigRenderer();
    String expected = renderer.render(SampleConfigs.weightedBackends());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(pool.submit(() -> renderer.render(SampleConfigs.weightedBackends())));
      }
      for (Future<String> future : futures) {
        assertThat(future.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
