package dev.lintel.proxy.server;

import dev.lintel.proxy.config.ConfigException;
import dev.lintel.proxy.config.ConfigParser;
import dev.lintel.proxy.config.ProxyConfig;
import dev.lintel.proxy.routing.RoutingCompiler;
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

  /** Enough parses for the JIT to compile the parser and the routing compiler. */
  private static final int WARM_UP_ROUNDS = 20;

  private final ProxyServer server;
  private final ConfigParser parser;

  public ConfigReloader(ProxyServer server, ConfigParser parser) {
    this.server = server;
    this.parser = parser;
  }

  /**
   * Applies the first config of a source: at startup there is no last good config to fall back to,
   * so failures are thrown (and still counted).
   */
  public void load(String text, String source) throws ConfigException, IOException {
    load(() -> parser.parse(text), source);
    warmUpInBackground(() -> parser.parse(text));
  }

  /**
   * {@link #load(String, String)} of a file's UTF-8 bytes: the parser reads them without decoding
   * them to a String first.
   */
  public void load(byte[] utf8, String source) throws ConfigException, IOException {
    load(() -> parser.parse(utf8), source);
    warmUpInBackground(() -> parser.parse(utf8));
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
   * Runs the reload path (parse, validate, compile) a few times on the boot config, off the event
   * loop, without swapping anything. The JVM compiles code that has run often: without this the
   * first real config change after a start ran interpreted and took ~300 ms instead of ~10 ms to be
   * served (measured with a rename-and-poll loop on a 10-route config).
   */
  private void warmUpInBackground(Parse parse) {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                // Both compile paths: a real reload reuses most hosts and compiles a few.
                RoutingCompiler incremental = new RoutingCompiler();
                for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                  ProxyConfig config = parse.run();
                  RoutingCompiler.compile(config);
                  incremental.recompile(config);
                }
              } catch (ConfigException | RuntimeException e) {
                LOG.debug("config path warm-up stopped: {}", e.toString());
              }
            },
            "lintel-config-warmup");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
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
