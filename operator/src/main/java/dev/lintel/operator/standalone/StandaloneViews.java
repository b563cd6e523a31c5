package dev.lintel.operator.standalone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lintel.operator.manifests.ManifestError;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON bodies of the standalone admin endpoints. */
public final class StandaloneViews {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StandaloneViews() {}

  /** {@code GET /status}: every loaded object with its status. */
  public static String statusJson(StandaloneRuntime.View view) {
    return write(view.objects());
  }

  /** {@code GET /config}: the rendered config text per Gateway ({@code namespace/name}). */
  public static String configJson(StandaloneRuntime.View view) {
    return write(view.configs());
  }

  /** {@code GET /errors}: manifests that could not be loaded, with file and reason. */
  public static String errorsJson(StandaloneRuntime.View view) {
    List<Map<String, String>> errors =
        view.errors().stream().map(StandaloneViews::describe).toList();
    return write(errors);
  }

  private static Map<String, String> describe(ManifestError error) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("source", error.source());
    entry.put("reason", error.reason());
    return entry;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
