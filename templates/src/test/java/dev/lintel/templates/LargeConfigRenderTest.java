package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import org.junit.jupiter.api.Test;

/**
 * 1,000- and 10,000-route configs render, pass the gate and parse. No timing assertion (shared CI
 * machines); the times are printed so a regression shows in the build log. Each is the best of a
 * few runs after a warm-up, to show the warm cost a running operator and proxy pay. Real
 * measurements belong in bench/.
 */
class LargeConfigRenderTest {
  private static final int WARM_UP = 3;
  private static final int RUNS = 5;

  private final ConfigRenderer renderer = new ConfigRenderer();
  private final ConfigParser parser = new ConfigParser();

  @Test
  void thousandsOfRoutesRenderPassTheGateAndParse() throws Exception {
    for (int routes : new int[] {1_000, 10_000}) {
      ProxyConfig model = SampleConfigs.manyRoutes(routes);
      String text = renderer.render(model);

      long gated = bestOf(() -> renderer.render(model));
      long renderOnly = bestOf(() -> renderer.renderUnchecked(model));
      long parse = bestOf(() -> parser.parse(text));
      long parseYaml = bestOf(() -> parser.parse("---\n" + text));

      System.out.printf(
          "%,d routes: %,d chars, %,d lines; render + round-trip gate %.1f ms, render alone"
              + " %.1f ms, parse (JSON) %.1f ms, parse of the same text as YAML %.1f ms%n",
          routes,
          text.length(),
          text.lines().count(),
          gated / 1e6,
          renderOnly / 1e6,
          parse / 1e6,
          parseYaml / 1e6);
      assertThat(text)
          .contains("\n{\"name\":\"team-49/route-" + (routes - 1) + "/0/0\",")
          .startsWith("{");
      // One line per route, plus the config's, the listener's and the host's opening and closing.
      assertThat(text.lines()).hasSize(routes + 6);
      assertThat(parser.parse(text)).isEqualTo(model);
    }
  }

  private interface Run {
    Object run() throws Exception;
  }

  private static long bestOf(Run run) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      run.run();
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      run.run();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }
}
