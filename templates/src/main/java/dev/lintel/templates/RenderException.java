package dev.lintel.templates;

/**
 * The renderer could not produce a config text that says exactly what the model says; nothing may
 * be published. The message names the first differing path when the round-trip gate failed.
 */
public final class RenderException extends Exception {
  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
