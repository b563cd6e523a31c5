package dev.lintel.proxy.config;

import java.util.List;
import java.util.Objects;

/**
 * The certificates of one Gateway listener on an HTTPS port. The config names certificates only by
 * reference: the key material reaches the proxy apart from the config (a config is a ConfigMap in a
 * cluster, readable by more than should read keys).
 *
 * @param hostname the Gateway listener's hostname (exact, or a {@code *.} wildcard), or null for a
 *     listener that accepts any host
 * @param certificates {@code namespace/name} of each certificate Secret, in the listener's order;
 *     the first one is served when none of them names the client's SNI
 */
public record TlsEntry(String hostname, List<String> certificates) {
  /** The key of an entry without hostname. */
  public static final String ANY = "*";

  public TlsEntry {
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
  }

  /** The key this entry has among the entries of its port: its hostname, or {@code *}. */
  public String key() {
    return Objects.requireNonNullElse(hostname, ANY);
  }
}
