package dev.lintel.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Strict parser for the proxy config text: an unknown field, a duplicate key, a missing or wrongly
 * typed value are all errors naming the path ({@code
 * listeners[0].virtualHosts[2].routes[1].match}). Thread-safe; one instance can be shared.
 */
public final class ConfigParser {
  /** Configs with 10,000+ routes run to several MiB; SnakeYAML's default cap is 3 MiB. */
  private static final int MAX_CONFIG_CODE_POINTS = 64 * 1024 * 1024;

  private final ObjectMapper mapper;
  private final ConfigValidator validator = new ConfigValidator();

  public ConfigParser() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_CONFIG_CODE_POINTS);
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(0);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(loader)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(MAX_CONFIG_CODE_POINTS).build())
            .build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.mapper =
        YAMLMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
  }

  /** Parses and validates; never returns an invalid config. */
  public ProxyConfig parse(String text) throws ConfigException {
    ProxyConfig config = read(text);
    validator.validate(config);
    return config;
  }

  /**
   * Parses strictly (schema, types, unknown and duplicate keys) without the semantic checks: the
   * renderer's round-trip gate uses it to prove that every value survives rendering exactly.
   */
  public ProxyConfig read(String text) throws ConfigException {
    ProxyConfig config;
    try {
      config = mapper.readValue(text, ProxyConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(pathOf(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("malformed config: " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some syntax errors (duplicate keys, limits) as unchecked exceptions.
      throw new ConfigException("malformed config: " + e.getMessage(), e);
    }
    if (config == null) {
      throw new ConfigException("empty config");
    }
    return config;
  }

  static String pathOf(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                ref ->
                    ref.getFieldName() != null
                        ? "." + ref.getFieldName()
                        : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining());
    return path.isEmpty() ? "(root)" : path.startsWith(".") ? path.substring(1) : path;
  }
}
