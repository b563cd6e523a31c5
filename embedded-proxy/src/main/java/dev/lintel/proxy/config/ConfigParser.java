package dev.lintel.proxy.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Strict parser for the proxy config text: an unknown field, a duplicate key, a missing or wrongly
 * typed value are all errors naming the path ({@code
 * listeners[0].virtualHosts[2].routes[1].match}). Thread-safe; one instance can be shared.
 *
 * <p>The text is YAML. A text whose first non-blank character is <code>{</code> is read as JSON
 * instead, which is the form the operator renders: JSON is YAML too, and Jackson's JSON parser
 * reads a 10,000-route config about ten times faster than SnakeYAML does, which is most of the time
 * a config change takes to reach traffic. Both readers apply exactly the same rules; only the
 * syntax layer differs. (A hand-written config in YAML flow style at the top level must therefore
 * be valid JSON; block-style YAML is unaffected.)
 */
public final class ConfigParser {
  /** Configs with 10,000+ routes run to several MiB; SnakeYAML's default cap is 3 MiB. */
  static final int MAX_CONFIG_CODE_POINTS = 64 * 1024 * 1024;

  /**
   * One set of limits for both syntaxes: SnakeYAML enforces the document size through its code
   * point limit, Jackson's JSON parser through {@code maxDocumentLength} (in chars for a String).
   */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxStringLength(MAX_CONFIG_CODE_POINTS)
          .maxDocumentLength(MAX_CONFIG_CODE_POINTS)
          .build();

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final ObjectReader json;
  private final ObjectReader yaml;

  /** {@link #json} plus {@link VirtualHostRefs}, for the skeletons of incremental parses. */
  private final ObjectReader skeleton;

  private final ConfigValidator validator = new ConfigValidator();

  public ConfigParser() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(MAX_CONFIG_CODE_POINTS);
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(0);
    YAMLFactory yamlFactory = strictFactory(YAMLFactory.builder().loaderOptions(loader));
    this.yaml = strictReader(YAMLMapper.builder(yamlFactory));
    JsonFactory jsonFactory = strictFactory(new JsonFactoryBuilder());
    this.json = strictReader(JsonMapper.builder(jsonFactory));
    this.skeleton =
        strictReader(JsonMapper.builder(jsonFactory).addModule(VirtualHostRefs.module()));
  }

  /** The stream-level rules both syntaxes share: limits and duplicate keys. */
  private static <F extends JsonFactory, B extends TSFBuilder<F, B>> F strictFactory(B factory) {
    return factory
        .streamReadConstraints(LIMITS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  /**
   * The binding rules both syntaxes share. No scalar coercion: {@code "8080"} is not a port, a YAML
   * {@code yes} is not a boolean, and {@code 1.5} is not silently cut down to the int 1.
   */
  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> ObjectReader strictReader(
      B mapper) {
    return mapper
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build()
        .readerFor(ProxyConfig.class);
  }

  /** Parses and validates; never returns an invalid config. */
  public ProxyConfig parse(String text) throws ConfigException {
    ProxyConfig config = read(text);
    validator.validate(config);
    return config;
  }

  /**
   * Parses and validates UTF-8 bytes (a file's content) exactly as {@link #parse(String)} parses
   * their decoded text, with the same results and the same errors.
   */
  public ProxyConfig parse(byte[] utf8) throws ConfigException {
    ProxyConfig config = read(utf8);
    validator.validate(config);
    return config;
  }

  /**
   * Reads the skeleton of an incremental parse (see {@link IncrementalConfigParser}): ASCII JSON in
   * which {@code refs} stand for virtual hosts taken over from the previous config. Strict like
   * {@link #read(byte[])}; no semantic checks.
   */
  ProxyConfig readSkeleton(byte[] ascii, VirtualHostRefs refs) throws ConfigException {
    return read(skeleton.withAttribute(VirtualHostRefs.class, refs), null, ascii);
  }

  /**
   * The semantic checks of {@link #parse}, except the per-host ones for {@code valid}: virtual
   * hosts (by identity) that passed them before. Checks across hosts still cover them.
   */
  void validate(ProxyConfig config, Set<VirtualHost> valid) throws ConfigException {
    validator.validate(config, valid);
  }

  /**
   * Parses strictly (schema, types, unknown and duplicate keys) without the semantic checks: the
   * renderer's round-trip gate uses it to prove that every value survives rendering exactly.
   */
  public ProxyConfig read(String text) throws ConfigException {
    return read(isJson(text) ? json : yaml, text);
  }

  /**
   * {@link #read(String)} of UTF-8 bytes. Pure ASCII JSON (what the operator renders) goes straight
   * to Jackson's byte parser: decoding 3 MB to a String and copying it again to a char[] was a
   * sizeable part of a 10,000-route reload. Anything else is decoded first, because the two
   * decoders differ on bad input (the JDK replaces malformed UTF-8 with U+FFFD, Jackson rejects it
   * or decodes overlong forms) and both paths must give the same answer for the same bytes.
   */
  public ProxyConfig read(byte[] utf8) throws ConfigException {
    if (isJson(utf8) && isAscii(utf8)) {
      return read(json, utf8);
    }
    return read(new String(utf8, StandardCharsets.UTF_8));
  }

  /**
   * Always the YAML reader, even for JSON text: lets tests prove that what the renderer writes is
   * read identically by a YAML parser, as the config's documented format promises.
   */
  ProxyConfig readYaml(String text) throws ConfigException {
    return read(yaml, text);
  }

  /** JSON's own whitespace only: anything else before the brace is left to the YAML reader. */
  static boolean isJson(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c == '{';
      }
    }
    return false;
  }

  /**
   * The byte form of {@link #isJson(String)}. Jackson guesses UTF-16/32 from NUL bytes among the
   * first four; {@link #isAscii} rules those out.
   */
  static boolean isJson(byte[] utf8) {
    for (byte b : utf8) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  /**
   * True when no byte has its high bit set (then UTF-8 decoding is the identity, whichever decoder
   * runs) and none of the first four is NUL (then Jackson's encoding detection can only pick
   * UTF-8). Eight bytes per step: a byte-wise loop was a twentieth of a 10,000-route parse.
   */
  static boolean isAscii(byte[] bytes) {
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    long high = 0;
    int i = 0;
    for (int end = bytes.length - 7; i < end; i += 8) {
      high |= (long) LONGS.get(bytes, i);
    }
    for (; i < bytes.length; i++) {
      high |= bytes[i];
    }
    return (high & 0x8080_8080_8080_8080L) == 0;
  }

  private static ProxyConfig read(ObjectReader reader, String text) throws ConfigException {
    return read(reader, text, null);
  }

  private static ProxyConfig read(ObjectReader reader, byte[] utf8) throws ConfigException {
    return read(reader, null, utf8);
  }

  /** One of {@code text} and {@code utf8} is null; the error handling is shared. */
  private static ProxyConfig read(ObjectReader reader, String text, byte[] utf8)
      throws ConfigException {
    ProxyConfig config;
    try {
      config = text != null ? reader.readValue(text) : reader.readValue(utf8);
    } catch (JsonProcessingException e) {
      StreamReadException syntax = syntaxErrorIn(e);
      if (syntax != null) {
        // Duplicate keys among them. Databind wraps one met inside a record with the record's
        // path only; the parser still stands on the offending key, so name that.
        throw new ConfigException(
            "malformed config at " + contextPathOf(syntax) + ": " + syntax.getOriginalMessage(), e);
      }
      if (e instanceof JsonMappingException mapping) {
        throw new ConfigException(pathOf(mapping) + ": " + e.getOriginalMessage(), e);
      }
      throw new ConfigException("malformed config: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Declared for streams; reading an array in memory does not do I/O.
      throw new ConfigException("malformed config: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some syntax errors (limits) as unchecked exceptions.
      throw new ConfigException("malformed config: " + e.getMessage(), e);
    }
    if (config == null) {
      throw new ConfigException("empty config");
    }
    return config;
  }

  /**
   * The path a Jackson mapping error points at, as {@code listeners[0].virtualHosts[2].name};
   * shared with the operator's manifest loader so that every error in Lintel names paths one way.
   */
  public static String pathOf(JsonMappingException e) {
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

  private static StreamReadException syntaxErrorIn(JsonProcessingException e) {
    if (e instanceof StreamReadException syntax) {
      return syntax;
    }
    return e instanceof JsonMappingException && e.getCause() instanceof StreamReadException syntax
        ? syntax
        : null;
  }

  /** The path of the parser's position when it failed, in the same notation as {@link #pathOf}. */
  private static String contextPathOf(StreamReadException e) {
    JsonParser parser = e.getProcessor();
    if (parser == null) {
      return "(root)";
    }
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inArray()) {
        parts.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
      } else if (context.getCurrentName() != null) {
        parts.addFirst("." + context.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? "(root)" : path.startsWith(".") ? path.substring(1) : path;
  }
}
