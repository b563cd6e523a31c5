package dev.lintel.operator.translate;

import dev.lintel.proxy.config.PathMatchType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Gateway API precedence among the matches of the routes that share a hostname: Exact paths before
 * prefixes, then the longer path, then the older route (creationTimestamp), then {@code
 * namespace/name} alphabetically, then rule and match order. The proxy takes the first route that
 * fits, so this order is the routing decision.
 */
final class RoutePrecedence {
  private RoutePrecedence() {}

  static final Comparator<MatchEntry> ORDER =
      Comparator.comparingInt((MatchEntry e) -> e.path().type() == PathMatchType.Exact ? 0 : 1)
          .thenComparing(e -> e.path().value().length(), Comparator.reverseOrder())
          .thenComparing(RoutePrecedence::creationTimestamp, RoutePrecedence::compareTimestamps)
          .thenComparing(e -> e.route().getMetadata().getNamespace())
          .thenComparing(e -> e.route().getMetadata().getName())
          .thenComparingInt(MatchEntry::rule)
          .thenComparingInt(MatchEntry::match)
          // Only reached for two matches of the same route, rule and match index: never, in a
          // snapshot of distinct objects. Keeps the order total (and the output stable) anyway.
          .thenComparing(e -> e.path().value());

  private static String creationTimestamp(MatchEntry entry) {
    return entry.route().getMetadata().getCreationTimestamp();
  }

  /**
   * Compares RFC 3339 instants (hand-written manifests may carry offsets or fractions); a route
   * without a timestamp (not yet stored) counts as the newest, an unparsable one compares as text.
   */
  private static int compareTimestamps(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    try {
      return OffsetDateTime.parse(a).toInstant().compareTo(OffsetDateTime.parse(b).toInstant());
    } catch (DateTimeParseException e) {
      return a.compareTo(b);
    }
  }
}
