package dev.lintel.proxy.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the value for a normalized host name: the exact name first, then the most specific wildcard
 * ({@code *.b.example.com} before {@code *.example.com}), then the catch-all {@code *}. A wildcard
 * needs at least one extra label: {@code *.example.com} matches {@code a.example.com} and {@code
 * a.b.example.com} but not {@code example.com}.
 *
 * <p>The lookup walks the request host's label suffixes, longest first, so its cost depends on the
 * host, never on the number of configured names.
 *
 * @param <T> what a host name maps to
 */
public final class HostMatcher<T> {
  private final Map<String, T> exact = new HashMap<>();

  /** Keyed by the suffix after {@code *.}. */
  private final Map<String, T> wildcards = new HashMap<>();

  private T catchAll;

  /**
   * Registers a configured name; the first registration of a name wins, matching the config order.
   */
  public void put(String hostname, T value) {
    if (hostname.equals("*")) {
      if (catchAll == null) {
        catchAll = value;
      }
    } else if (hostname.startsWith("*.")) {
      wildcards.putIfAbsent(hostname.substring(2), value);
    } else {
      exact.putIfAbsent(hostname, value);
    }
  }

  /** Returns the value for a host already passed through {@link HostNormalizer}, or null. */
  public T find(String host) {
    T value = exact.get(host);
    if (value != null) {
      return value;
    }
    if (!wildcards.isEmpty()) {
      for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
        value = wildcards.get(host.substring(dot + 1));
        if (value != null) {
          return value;
        }
      }
    }
    return catchAll;
  }
}
