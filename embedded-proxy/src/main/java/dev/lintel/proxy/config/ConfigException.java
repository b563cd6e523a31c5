package dev.lintel.proxy.config;

/** A config text that cannot be served; the message names the path of the offending field. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
