package dev.lintel.operator.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks HTTPS listeners whose hostnames overlap on one port with {@code OverlappingTLSConfig=True},
 * reason {@code OverlappingHostnames} (GEP-3567): two hostnames overlap when one request host can
 * match both (equal, one a wildcard covering the other, or a listener without hostname). Nothing
 * changes in how they are served: the proxy still picks the most specific listener by SNI and
 * answers 421 to a request for another listener's host (misdirected request); the condition tells
 * the Gateway's owner that clients may reuse one connection for both.
 *
 * <p>Listeners that do not overlap get no such condition at all, as the spec asks.
 */
final class OverlappingTlsConfig {
  private OverlappingTlsConfig() {}

  /** The views with the condition added where it applies; the others unchanged. */
  static List<ListenerView> mark(List<ListenerView> views, HasMetadata owner) {
    List<ListenerView> marked = new ArrayList<>(views.size());
    for (ListenerView view : views) {
      List<String> others = overlapping(view, views);
      if (others.isEmpty()) {
        marked.add(view);
        continue;
      }
      marked.add(
          view.withCondition(
              Conditions.statusTrue(
                  ConditionTypes.OVERLAPPING_TLS_CONFIG,
                  Reasons.OVERLAPPING_HOSTNAMES,
                  "hostname overlaps that of HTTPS listener(s) "
                      + String.join(", ", others)
                      + " on port "
                      + view.port(),
                  owner)));
    }
    return marked;
  }

  private static List<String> overlapping(ListenerView view, List<ListenerView> all) {
    List<String> names = new ArrayList<>();
    if (!view.https() || !view.accepted()) {
      return names;
    }
    for (ListenerView other : all) {
      if (other != view
          && other.https()
          && other.accepted()
          && other.port() == view.port()
          && HostnameIntersection.intersect(view.hostname(), other.hostname()).isPresent()) {
        names.add(other.name());
      }
    }
    return names;
  }
}
