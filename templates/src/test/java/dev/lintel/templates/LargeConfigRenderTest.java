package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.ProxyConfig;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-route config renders and passes the gate. No timing assertion (shared CI machines); the
 * time is printed so a regression shows in the build log. Real measurements belong in bench/.
 */
class LargeConfigRenderTest {
  @Test
  void tenThousandRoutesRenderAndPassTheGate() throws Exception {
    ProxyConfig model = SampleConfigs.manyRoutes(10_000);
    ConfigRenderer renderer = new ConfigRenderer();
    renderer.render(SampleConfigs.singleRoute()); // load and compile the templates first

    long start = System.nanoTime();
    String text = renderer.render(model);
    long gated = System.nanoTime() - start;
    start = System.nanoTime();
    renderer.renderUnchecked(model);
    long renderOnly = System.nanoTime() - start;

    System.out.printf(
        "10,000 routes: %,d chars; render + round-trip gate %d ms, render alone %d ms%n",
        text.length(), gated / 1_000_000, renderOnly / 1_000_000);
    assertThat(text).contains("name: \"team-49/route-9999/0/0\"");
  }
}
