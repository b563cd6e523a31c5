package dev.lintel.operator.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.lintel.operator.manifests.LoadResult;
import dev.lintel.operator.manifests.ManifestLoader;
import dev.lintel.operator.manifests.SnapshotAssembler;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden case per behaviour: {@code src/test/resources/translate/<case>.in.yaml} (manifests)
 * translates to {@code <case>.out.yaml} (configs per Gateway, statuses per object). Run with {@code
 * -Dgolden.update=true} to rewrite the outputs, then review them as a diff: they are the spec.
 */
class TranslatorGoldenTest {
  private static final Path CASES = Path.of("src/test/resources/translate");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private final ManifestLoader loader = new ManifestLoader();
  private final GatewayTranslator translator = new GatewayTranslator();
  private final ConfigParser parser = new ConfigParser();

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(CASES)) {
      inputs = files.filter(p -> p.toString().endsWith(".in.yaml")).sorted().toList();
    }
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(16);
    return inputs.stream()
        .map(
            input ->
                DynamicTest.dynamicTest(
                    input.getFileName().toString().replace(".in.yaml", ""), () -> check(input)));
  }

  private void check(Path input) throws Exception {
    LoadResult loaded = loader.parse(Files.readString(input), input.toString());
    assertThat(loaded.errors()).as("load errors").isEmpty();
    List<HasMetadata> objects = new ArrayList<>(loaded.objects());
    for (HasMetadata object : objects) {
      // As an API server would set it; the cases only write it where it matters.
      if (object.getMetadata().getGeneration() == null) {
        object.getMetadata().setGeneration(1L);
      }
    }
    Translation translation = translator.translate(SnapshotAssembler.assemble(objects));
    String actual = render(translation);

    // Determinism: the order of the input objects must not show in the output.
    List<HasMetadata> reversed = new ArrayList<>(objects);
    Collections.reverse(reversed);
    assertEquals(actual, render(translator.translate(SnapshotAssembler.assemble(reversed))));

    // Every config must pass the proxy's own strict parser and validation unchanged.
    for (ProxyConfig config : translation.configs().values()) {
      assertEquals(config, parser.parse(YAML.writeValueAsString(config)));
    }

    Path output =
        input.resolveSibling(input.getFileName().toString().replace(".in.yaml", ".out.yaml"));
    if (UPDATE || !Files.exists(output)) {
      Files.writeString(output, actual);
      assertThat(UPDATE).as(output + " did not exist: written, review it and rerun").isTrue();
    }
    assertEquals(Files.readString(output), actual, "golden output " + output);
  }

  static String render(Translation translation) throws IOException {
    Map<String, Object> configs = new LinkedHashMap<>();
    translation.configs().forEach((ref, config) -> configs.put(ref.toString(), config));
    Map<String, Object> statuses = new LinkedHashMap<>();
    translation.gatewayClasses().forEach((ref, status) -> statuses.put(ref.toString(), status));
    translation.gateways().forEach((ref, status) -> statuses.put(ref.toString(), status));
    translation.listenerSets().forEach((ref, status) -> statuses.put(ref.toString(), status));
    translation.httpRoutes().forEach((ref, status) -> statuses.put(ref.toString(), status));
    translation.backendTlsPolicies().forEach((ref, status) -> statuses.put(ref.toString(), status));
    translation.tlsRoutes().forEach((ref, status) -> statuses.put(ref.toString(), status));
    translation.grpcRoutes().forEach((ref, status) -> statuses.put(ref.toString(), status));
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("configs", configs);
    tree.put("statuses", statuses);
    return YAML.writeValueAsString(tree);
  }
}
