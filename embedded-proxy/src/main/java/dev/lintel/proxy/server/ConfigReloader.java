package dev.lintel.proxy.server;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.IncrementalConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies config text to a {@link ProxyServer} with keep-last-good semantics, whatever the source
 * (a mounted file, a ConfigMap watch): a text that does not parse, validate or bind is logged once
 * as a WARN naming its source, counted as {@code lintel.proxy.config.reloads{result=failure}}, and
 * the previous config keeps serving. Thread-safe; callers may share one instance.
 */
public final class ConfigReloader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final ProxyServer server;

  /**
   * Remembers the last good config's virtual hosts, so that a change re-reads only what changed: a
   * source sends whole texts that differ from the previous one in a few hosts.
   */
  private final IncrementalConfigParser parser;

  public ConfigReloader(ProxyServer server, ConfigParser parser) {
    this.server = server;
    this.parser = new IncrementalConfigParser(parser);
  }

  /**
   * Applies the first config of a source: at startup there is no last good config to fall back to,
   * so failures are thrown (and still counted).
   */
  public void load(String text, String source) throws ConfigException, IOException {
    load(() -> parser.parse(text), source);
  }

  /**
   * {@link #load(String, String)} of a file's UTF-8 bytes: the parser reads them without decoding
   * them to a String first.
   */
  public void load(byte[] utf8, String source) throws ConfigException, IOException {
    load(() -> parser.parse(utf8), source);
  }

  /** A parse of text or bytes. */
  private interface Parse {
    ProxyConfig run() throws ConfigException;
  }

  private void load(Parse parse, String source) throws ConfigException, IOException {
    ProxyConfig config;
    try {
      config = parse.run();
    } catch (ConfigException e) {
      server.metrics().reloadFailed();
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
    server.apply(config); // counts its own success or failure
  }

  /**
   * Applies a changed config text; on failure keeps the previous config.
   *
   * @param text the config text
   * @param source where it came from, for the log line ({@code /etc/lintel/config.yaml}, {@code
   *     configmap ns/name})
   * @return true when the text is now in force (or already was)
   */
  public boolean applyText(String text, String source) {
    return apply(() -> parser.parse(text), source);
  }

  /** {@link #applyText(String, String)} of a file's UTF-8 bytes, read without decoding them. */
  public boolean applyText(byte[] utf8, String source) {
    return apply(() -> parser.parse(utf8), source);
  }

  private boolean apply(Parse parse, String source) {
    ProxyConfig config;
    try {
      config = parse.run();
    } catch (ConfigException e) {
      server.metrics().reloadFailed();
      LOG.warn(
          "Rejected proxy config from {}, keeping the last good one: {}", source, e.getMessage());
      return false;
    }
    try {
      server.apply(config);
      return true;
    } catch (ConfigException | IOException | RuntimeException e) {
      LOG.warn(
          "Could not apply proxy config from {}, keeping the last good one: {}",
          source,
          e.getMessage());
      return false;
    }
  }
}
