package dev.lintel.proxy.routing;

import java.util.concurrent.ThreadLocalRandom;

/** A route's mirror, ready to use: its backend and the share of requests it receives. */
public final class CompiledMirror {
  private final CompiledBackend backend;
  private final int numerator;
  private final int denominator;

  CompiledMirror(CompiledBackend backend, int numerator, int denominator) {
    this.backend = backend;
    this.numerator = numerator;
    this.denominator = denominator;
  }

  public CompiledBackend backend() {
    return backend;
  }

  /** Whether this request gets a copy: drawn independently per request and mirror. */
  public boolean sampled() {
    if (numerator >= denominator) {
      return true;
    }
    return numerator > 0 && ThreadLocalRandom.current().nextInt(denominator) < numerator;
  }
}
