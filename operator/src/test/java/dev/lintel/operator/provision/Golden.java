package dev.lintel.operator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares text with a golden file under {@code src/test/resources}; {@code -Dgolden.update=true}
 * rewrites the file instead, to be reviewed as a diff.
 */
final class Golden {
  private static final Path ROOT = Path.of("src", "test", "resources");

  private Golden() {}

  static void assertMatches(String relativePath, String actual) throws IOException {
    Path file = ROOT.resolve(relativePath);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file).as("golden file (create it with -Dgolden.update=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
