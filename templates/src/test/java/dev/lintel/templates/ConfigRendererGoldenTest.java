package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendered text per model shape, compared with {@code src/test/resources/golden/<case>.json}. Run
 * with {@code -Dgolden.update=true} to rewrite the files, then review the diff: the files are the
 * reviewable record of what the proxy will read.
 */
class ConfigRendererGoldenTest {
  /** Surefire runs in the module folder, so this is the source folder, not a copy in target. */
  private static final Path GOLDEN =
      Path.of(System.getProperty("user.dir"), "src/test/resources/golden");

  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private final ConfigRenderer renderer = new ConfigRenderer();

  static Stream<Arguments> cases() {
    return SampleConfigs.all().entrySet().stream()
        .map((Map.Entry<String, ProxyConfig> e) -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersAsTheGoldenFileSays(String name, ProxyConfig model) throws Exception {
    String rendered = renderer.render(model);
    Path golden = GOLDEN.resolve(name + ".json");
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    String expected = read(golden);
    assertThat(rendered).isEqualTo(expected);
    // The samples are valid configs: the golden text must pass the proxy's own full parse too.
    assertThat(new ConfigParser().parse(expected)).isEqualTo(model);
    // JSON is YAML: behind a document marker the parser reads the same text with SnakeYAML, and
    // must get the same model (hand-edited or YAML-tooled copies of a config stay the config).
    assertThat(expected).startsWith("{");
    assertThat(new ConfigParser().parse("---\n" + expected)).isEqualTo(model);
  }

  private static String read(Path golden) throws IOException {
    return Files.readString(golden, StandardCharsets.UTF_8);
  }
}
