package dev.lintel.proxy.config;

import java.util.Objects;

/**
 * A copy of each request (or of a share of them) sent to another backend, whose response is
 * discarded (Gateway API {@code RequestMirror}).
 *
 * @param backend where copies go ({@code weight} is not used; {@code rejected} means none go)
 * @param numerator with {@code denominator}, the share of requests mirrored
 * @param denominator at least 1; {@code numerator / denominator} is in 0..1
 */
public record Mirror(Backend backend, int numerator, int denominator) {
  public Mirror {
    Objects.requireNonNull(backend, "backend");
  }
}
