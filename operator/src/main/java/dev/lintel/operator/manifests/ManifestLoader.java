package dev.lintel.operator.manifests;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lintel.operator.gatewayapi.ListenerSet;
import dev.lintel.operator.gatewayapi.TLSRoute;
import dev.lintel.proxy.config.ConfigParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Loads Kubernetes manifests into typed fabric8 objects. Every document is loaded on its own: a
 * malformed or incomplete one becomes a {@link ManifestError} and the others still load, as {@code
 * kubectl apply -f DIR} would apply them.
 *
 * <p>Kinds are mapped through an explicit table rather than fabric8's global type registry: the
 * translator needs exactly the v1 classes it reads, and older served versions of the same kinds
 * (Gateway API v1beta1) are converted to them as an API server would on read. Other kinds load as
 * {@link GenericKubernetesResource}. Thread-safe.
 */
public final class ManifestLoader {
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  private static final String DEFAULT_NAMESPACE = "default";

  /** Separates YAML documents; content after the marker on the same line belongs to the new one. */
  private static final Pattern DOCUMENT_START = Pattern.compile("^---(?:[ \t].*)?$");

  private static final Pattern DOCUMENT_END = Pattern.compile("^\\.\\.\\.[ \t]*$");

  /** DNS-1123 subdomain: what the API server requires of the names of the kinds we read. */
  private static final Pattern NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /** A kind Lintel reads: the class it loads into, its stored apiVersion, its scope. */
  private record Kind(Class<? extends HasMetadata> type, String apiVersion, boolean namespaced) {}

  private static final Map<String, Kind> KINDS = kinds();

  private final ObjectMapper yaml;
  private final ObjectMapper json;

  public ManifestLoader() {
    LoaderOptions options = new LoaderOptions();
    // kubectl rejects duplicate keys; silently keeping the last one hides typos.
    options.setAllowDuplicateKeys(false);
    // Alias bombs ("billion laughs") are the classic way to make a YAML loader eat the heap.
    options.setMaxAliasesForCollections(50);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.yaml = new YAMLMapper(factory);
    // The model classes carry their own Jackson annotations (unknown fields land in
    // additionalProperties); a plain mapper reports type mismatches with the field path.
    this.json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * Loads every {@code *.yaml}, {@code *.yml} and {@code *.json} file under {@code dir},
   * recursively, in path order. Hidden files and directories (name starting with {@code .}) are
   * skipped: a mounted ConfigMap keeps a second copy of every file under {@code ..data}, which
   * would load twice.
   */
  public LoadResult loadDirectory(Path dir) {
    List<Path> files;
    try {
      files = manifestFiles(dir);
    } catch (IOException | UncheckedIOException e) {
      return new LoadResult(
          List.of(), List.of(new ManifestError(dir.toString(), "cannot list: " + describe(e))));
    }
    List<HasMetadata> objects = new ArrayList<>();
    List<ManifestError> errors = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file);
      } catch (CharacterCodingException e) {
        errors.add(new ManifestError(file.toString(), "not UTF-8 text"));
        continue;
      } catch (IOException e) {
        errors.add(new ManifestError(file.toString(), "cannot read: " + describe(e)));
        continue;
      }
      parse(text, file.toString(), seen, objects, errors);
    }
    return new LoadResult(objects, errors);
  }

  /**
   * The manifest files under a directory, recursively, sorted by path: {@code *.yaml}, {@code
   * *.yml}, {@code *.json}, skipping dot-prefixed files and folders (a mounted ConfigMap's {@code
   * ..data} would load twice).
   */
  public static List<Path> manifestFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(path -> !isHidden(dir.relativize(path)))
          .filter(Files::isRegularFile)
          .filter(ManifestLoader::isManifest)
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /**
   * Loads the documents of one text; {@code source} names it in errors (a file path). JSON is read
   * as one document when {@code source} ends with {@code .json}, YAML otherwise.
   */
  public LoadResult parse(String text, String source) {
    List<HasMetadata> objects = new ArrayList<>();
    List<ManifestError> errors = new ArrayList<>();
    parse(text, source, new HashMap<>(), objects, errors);
    return new LoadResult(objects, errors);
  }

  private void parse(
      String text,
      String source,
      Map<String, String> seen,
      List<HasMetadata> objects,
      List<ManifestError> errors) {
    boolean isJson = source.toLowerCase(Locale.ROOT).endsWith(".json");
    List<String> documents = isJson ? List.of(text) : splitDocuments(text);
    for (int i = 0; i < documents.size(); i++) {
      String documentSource = documents.size() == 1 ? source : source + "#" + (i + 1);
      JsonNode tree;
      try {
        tree = (isJson ? json : yaml).readTree(documents.get(i));
      } catch (JsonProcessingException e) {
        errors.add(new ManifestError(documentSource, "malformed: " + e.getOriginalMessage()));
        continue;
      } catch (RuntimeException e) {
        // SnakeYAML reports duplicate keys and its limits as unchecked exceptions.
        errors.add(new ManifestError(documentSource, "malformed: " + e.getMessage()));
        continue;
      }
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        continue; // an empty document, e.g. only comments: kubectl skips it too
      }
      if (isList(tree)) {
        JsonNode items = tree.get("items");
        for (int j = 0; j < items.size(); j++) {
          load(items.get(j), documentSource + ".items[" + j + "]", seen, objects, errors);
        }
      } else {
        load(tree, documentSource, seen, objects, errors);
      }
    }
  }

  private void load(
      JsonNode tree,
      String source,
      Map<String, String> seen,
      List<HasMetadata> objects,
      List<ManifestError> errors) {
    String missing = missingIdentity(tree);
    if (missing != null) {
      errors.add(new ManifestError(source, missing));
      return;
    }
    String apiVersion = tree.get("apiVersion").asText();
    String kindName = tree.get("kind").asText();
    Kind kind = KINDS.get(apiVersion + "/" + kindName);
    ObjectNode object = ((ObjectNode) tree).deepCopy();
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    if (kind != null) {
      String name = metadata.get("name").asText();
      if (!NAME.matcher(name).matches() || name.length() > 253) {
        errors.add(
            new ManifestError(
                source, "metadata.name: '" + name + "' is not a valid DNS subdomain"));
        return;
      }
      object.put("apiVersion", kind.apiVersion());
      if (kind.namespaced()) {
        if (!metadata.hasNonNull("namespace") || metadata.get("namespace").asText().isEmpty()) {
          metadata.put("namespace", DEFAULT_NAMESPACE);
        }
      } else {
        metadata.remove("namespace"); // the API server ignores it on cluster-scoped kinds
      }
    }
    Class<? extends HasMetadata> type =
        kind != null ? kind.type() : GenericKubernetesResource.class;
    HasMetadata loaded;
    try {
      loaded = json.treeToValue(object, type);
    } catch (JsonMappingException e) {
      errors.add(new ManifestError(source, ConfigParser.pathOf(e) + ": " + e.getOriginalMessage()));
      return;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      errors.add(new ManifestError(source, "invalid: " + e.getMessage()));
      return;
    }
    String identity = identity(apiVersion, loaded);
    String first = seen.putIfAbsent(identity, source);
    if (first != null) {
      errors.add(
          new ManifestError(
              source, "duplicate of " + describe(loaded) + " already loaded from " + first));
      return;
    }
    objects.add(loaded);
  }

  /** Why the document cannot be an object of the API, or null when it has its identity. */
  private static String missingIdentity(JsonNode tree) {
    if (!tree.isObject()) {
      return "not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)";
    }
    for (String field : List.of("apiVersion", "kind")) {
      JsonNode value = tree.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        return field + ": missing";
      }
    }
    JsonNode metadata = tree.get("metadata");
    if (metadata == null || !metadata.isObject()) {
      return "metadata: missing";
    }
    JsonNode name = metadata.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      return "metadata.name: missing";
    }
    JsonNode namespace = metadata.get("namespace");
    if (namespace != null && !namespace.isNull() && !namespace.isTextual()) {
      return "metadata.namespace: not a string";
    }
    return null;
  }

  private static boolean isList(JsonNode tree) {
    return tree.isObject()
        && "v1".equals(tree.path("apiVersion").asText())
        && "List".equals(tree.path("kind").asText())
        && tree.path("items").isArray();
  }

  /** Splits a multi-document YAML text at {@code ---} / {@code ...} markers at column 0. */
  static List<String> splitDocuments(String text) {
    List<String> documents = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean started = false;
    for (String line : text.split("\r?\n", -1)) {
      if (DOCUMENT_START.matcher(line).matches()) {
        if (started || hasContent(current)) {
          documents.add(current.toString());
        }
        current = new StringBuilder(line.substring(3)).append('\n');
        started = true;
      } else if (DOCUMENT_END.matcher(line).matches()) {
        documents.add(current.toString());
        current = new StringBuilder();
        started = false;
      } else {
        current.append(line).append('\n');
      }
    }
    if (started || hasContent(current)) {
      documents.add(current.toString());
    }
    return documents;
  }

  private static boolean hasContent(CharSequence text) {
    return text.toString()
        .lines()
        .map(String::strip)
        .anyMatch(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("%"));
  }

  private static String identity(String apiVersion, HasMetadata object) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String namespace = object.getMetadata().getNamespace();
    return group
        + "|"
        + object.getKind()
        + "|"
        + (namespace == null ? "" : namespace)
        + "|"
        + object.getMetadata().getName();
  }

  private static String describe(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind()
        + " "
        + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName();
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static Map<String, Kind> kinds() {
    String v1 = GATEWAY_GROUP + "/v1";
    String v1beta1 = GATEWAY_GROUP + "/v1beta1";
    Kind gatewayClass = new Kind(GatewayClass.class, v1, false);
    Kind gateway = new Kind(Gateway.class, v1, true);
    Kind httpRoute = new Kind(HTTPRoute.class, v1, true);
    Kind referenceGrant = new Kind(ReferenceGrant.class, v1beta1, true);
    Kind grpcRoute = new Kind(GRPCRoute.class, v1, true);
    Map<String, Kind> kinds = new HashMap<>();
    for (String version : List.of(v1, v1beta1)) {
      kinds.put(version + "/GatewayClass", gatewayClass);
      kinds.put(version + "/Gateway", gateway);
      kinds.put(version + "/HTTPRoute", httpRoute);
    }
    kinds.put(
        ListenerSet.API_VERSION + "/" + ListenerSet.KIND, new Kind(ListenerSet.class, v1, true));
    // Read as v1 whatever the version: v1alpha3 (Gateway API before v1.4) has the same fields.
    Kind backendTlsPolicy = new Kind(BackendTLSPolicy.class, v1, true);
    kinds.put(v1 + "/BackendTLSPolicy", backendTlsPolicy);
    kinds.put(GATEWAY_GROUP + "/v1alpha3/BackendTLSPolicy", backendTlsPolicy);
    // TLSRoute is v1 since Gateway API v1.5; the experimental versions before it have the same
    // fields Lintel reads, so manifests written for them load as v1.
    Kind tlsRoute = new Kind(TLSRoute.class, TLSRoute.API_VERSION, true);
    for (String version : List.of(v1, GATEWAY_GROUP + "/v1alpha3", GATEWAY_GROUP + "/v1alpha2")) {
      kinds.put(version + "/" + TLSRoute.KIND, tlsRoute);
    }
    kinds.put(v1beta1 + "/ReferenceGrant", referenceGrant);
    // GRPCRoute is v1 since Gateway API v1.1; v1alpha2 manifests (the same fields) still abound.
    kinds.put(v1 + "/GRPCRoute", grpcRoute);
    kinds.put(GATEWAY_GROUP + "/v1alpha2/GRPCRoute", grpcRoute);
    kinds.put(GATEWAY_GROUP + "/v1alpha2/ReferenceGrant", referenceGrant);
    String apiextensions = "apiextensions.k8s.io/v1";
    kinds.put(
        apiextensions + "/CustomResourceDefinition",
        new Kind(CustomResourceDefinition.class, apiextensions, false));
    kinds.put("v1/Service", new Kind(Service.class, "v1", true));
    kinds.put("v1/Namespace", new Kind(Namespace.class, "v1", false));
    // HTTPS listeners' certificates; their content is never printed in a load error.
    kinds.put("v1/Secret", new Kind(Secret.class, "v1", true));
    // CA bundles of client certificate validation (spec.tls.frontend) and of BackendTLSPolicies.
    kinds.put("v1/ConfigMap", new Kind(ConfigMap.class, "v1", true));
    kinds.put(
        "discovery.k8s.io/v1/EndpointSlice",
        new Kind(EndpointSlice.class, "discovery.k8s.io/v1", true));
    return Map.copyOf(kinds);
  }
}
