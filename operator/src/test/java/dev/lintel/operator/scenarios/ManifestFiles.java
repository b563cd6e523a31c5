package dev.lintel.operator.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario manifests on disk: reads them from the test resources, fills in the manifest
 * variables ({@code {NAME}} tokens, as the upstream suite's manifests use them) and writes them
 * into the directory standalone mode watches. Every write lands in one atomic rename from a staging
 * folder outside the watched tree, so a poll never sees half a file or a temporary one.
 */
final class ManifestFiles {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Z0-9_]+\\}");

  private final Path watched;
  private final Path staging;
  private final Map<String, String> manifestVariables;

  ManifestFiles(Path watched, Path staging, Map<String, String> manifestVariables) {
    this.watched = watched;
    this.staging = staging;
    this.manifestVariables = Map.copyOf(manifestVariables);
  }

  /** The text of {@code scenarios/<resource>} with every manifest variable replaced. */
  String render(String resource) {
    String text = read("/scenarios/" + resource);
    for (Map.Entry<String, String> entry : manifestVariables.entrySet()) {
      text = text.replace(entry.getKey(), entry.getValue());
    }
    Matcher left = PLACEHOLDER.matcher(text);
    if (left.find()) {
      throw new IllegalArgumentException(resource + ": unknown manifest variable " + left.group());
    }
    return text;
  }

  /** Writes {@code text} at {@code relative} under the watched directory, replacing it whole. */
  Path write(String relative, String text) {
    try {
      Path target = watched.resolve(relative);
      Files.createDirectories(target.getParent());
      Path staged = Files.createTempFile(staging, "manifest", ".yaml");
      Files.writeString(staged, text);
      return Files.move(
          staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = ManifestFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
