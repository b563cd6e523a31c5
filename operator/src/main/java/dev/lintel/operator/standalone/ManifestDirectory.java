package dev.lintel.operator.standalone;

import dev.lintel.operator.manifests.LoadResult;
import dev.lintel.operator.manifests.ManifestError;
import dev.lintel.operator.manifests.ManifestLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest directory file by file. A file that does not parse keeps the objects it had at
 * its last good read, so one bad save in an editor never takes routes down; its error is reported
 * until it is fixed.
 */
final class ManifestDirectory {
  /** What one read of the directory found. */
  record Contents(List<HasMetadata> objects, List<ManifestError> errors) {}

  private final Path root;
  private final ManifestLoader loader = new ManifestLoader();
  private final Map<Path, List<HasMetadata>> lastGood = new HashMap<>();

  ManifestDirectory(Path root) {
    this.root = root;
  }

  Contents read() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    List<ManifestError> errors = new ArrayList<>();
    Map<Path, List<HasMetadata>> good = new HashMap<>();
    for (Path file : ManifestLoader.manifestFiles(root)) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        // Deleted between the listing and the read: it is gone, not broken (the watcher's next
        // event reads the directory again anyway).
        continue;
      } catch (IOException e) {
        errors.add(new ManifestError(file.toString(), "cannot read: " + e.getMessage()));
        continue;
      }
      LoadResult result = loader.parse(text, file.toString());
      errors.addAll(result.errors());
      List<HasMetadata> fileObjects =
          result.errors().isEmpty() || !lastGood.containsKey(file)
              ? result.objects()
              : lastGood.get(file);
      if (result.errors().isEmpty()) {
        good.put(file, result.objects());
      } else if (lastGood.containsKey(file)) {
        good.put(file, lastGood.get(file));
      }
      objects.addAll(fileObjects);
    }
    lastGood.clear();
    lastGood.putAll(good);
    return new Contents(objects, errors);
  }
}
