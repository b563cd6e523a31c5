package dev.lintel.operator.cli;

import dev.lintel.operator.manifests.LoadResult;
import dev.lintel.operator.manifests.ManifestError;
import dev.lintel.operator.manifests.ManifestLoader;
import dev.lintel.operator.manifests.SnapshotAssembler;
import dev.lintel.operator.translate.GatewayTranslator;
import dev.lintel.operator.translate.ObjectRef;
import dev.lintel.operator.translate.SupportedVersion;
import dev.lintel.operator.translate.Translation;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.templates.ConfigRenderer;
import dev.lintel.templates.RenderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lintel validate}: what the operator would make of some manifests, offline — the status
 * every object would get and each Gateway's rendered config. Exits 1 when anything would be
 * rejected, so CI pipelines can catch a bad route before it is deployed.
 */
@Command(
    name = "validate",
    description =
        "Print the status every object would get and the rendered configs; exit 1 if anything is rejected.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Manifest files or directories.")
  List<Path> inputs;

  PrintStream out = System.out;

  @Override
  public Integer call() throws IOException {
    ManifestLoader loader = new ManifestLoader();
    List<HasMetadata> objects = new ArrayList<>();
    List<ManifestError> errors = new ArrayList<>();
    for (Path input : inputs) {
      LoadResult result =
          Files.isDirectory(input)
              ? loader.loadDirectory(input)
              : loader.parse(Files.readString(input), input.toString());
      objects.addAll(result.objects());
      errors.addAll(result.errors());
    }
    for (HasMetadata object : objects) {
      // As an API server would: validation must not depend on generation being absent.
      if (object.getMetadata().getGeneration() == null) {
        object.getMetadata().setGeneration(1L);
      }
    }
    Translation translation =
        new GatewayTranslator().translate(SnapshotAssembler.assemble(objects));
    boolean rejected = !errors.isEmpty();
    for (ManifestError error : errors) {
      out.println("ERROR " + error.source() + ": " + error.reason());
    }
    Map<ObjectRef, Object> statuses = new TreeMap<>();
    statuses.putAll(SupportedVersion.fromManifests(translation.gatewayClasses(), objects));
    statuses.putAll(translation.gateways());
    statuses.putAll(translation.listenerSets());
    statuses.putAll(translation.httpRoutes());
    statuses.putAll(translation.backendTlsPolicies());
    statuses.putAll(translation.tlsRoutes());
    statuses.putAll(translation.grpcRoutes());
    for (Map.Entry<ObjectRef, Object> entry : statuses.entrySet()) {
      out.println("# status of " + entry.getKey());
      String yaml = Serialization.asYaml(entry.getValue());
      out.print(yaml);
      rejected |=
          RejectionFinder.hasRejection(
              Serialization.jsonMapper().convertValue(entry.getValue(), Map.class));
    }
    ConfigRenderer renderer = new ConfigRenderer();
    for (Map.Entry<ObjectRef, ProxyConfig> entry : translation.configs().entrySet()) {
      out.println("# config of " + entry.getKey());
      try {
        out.print(renderer.render(entry.getValue()));
      } catch (RenderException e) {
        out.println("ERROR rendering " + entry.getKey() + ": " + e.getMessage());
        rejected = true;
      }
    }
    out.println(
        rejected ? "RESULT: rejected (see conditions with status False above)" : "RESULT: valid");
    return rejected ? 1 : 0;
  }
}
