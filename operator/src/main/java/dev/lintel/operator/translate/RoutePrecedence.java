package dev.lintel.operator.translate;

import dev.lintel.proxy.config.PathMatchType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Gateway API precedence among the matches of the routes that share a hostname: Exact paths, then
 * regular expressions (their rank is left to implementations; Envoy Gateway's order), then
 * prefixes; the longer path first; then a match with a method; then more header matches; then more
 * query parameter matches; then the older route (creationTimestamp), then {@code namespace/name}
 * alphabetically, then rule and match order. The proxy takes the first route that fits among those
 * whose path fits best, so this order is the routing decision. Where routes reach a virtual host
 * through hostnames of different specificity (a route for {@code example.com} and one for {@code
 * *.com}), the more specific hostname only breaks ties between equal matches (the conformance test
 * HTTPRouteMatchingAcrossRoutes): see {@code ProxyConfigAssembler}.
 */
final class RoutePrecedence {
  private RoutePrecedence() {}

  /** HTTPRoute matches: path type, path length, method, header and query counts. */
  private static final Comparator<MatchEntry> BY_PATH =
      Comparator.comparingInt((MatchEntry e) -> rank(e.path().type()))
          .thenComparing(e -> e.path().value().length(), Comparator.reverseOrder())
          .thenComparingInt(e -> e.conditions().method() == null ? 1 : 0)
          .thenComparing(e -> e.conditions().headers().size(), Comparator.reverseOrder())
          .thenComparing(e -> e.conditions().queryParams().size(), Comparator.reverseOrder());

  /**
   * GRPCRoute matches (GRPCRouteRule in the spec): characters of the service, then of the method,
   * then the header count.
   */
  private static final Comparator<MatchEntry> BY_METHOD =
      Comparator.comparing((MatchEntry e) -> e.method().service(), Comparator.reverseOrder())
          .thenComparing(e -> e.method().method(), Comparator.reverseOrder())
          .thenComparing(e -> e.conditions().headers().size(), Comparator.reverseOrder());

  /**
   * What the request must meet, by the rules of the match's route kind. The two kinds never share a
   * virtual host (an HTTPRoute and a GRPCRoute whose hostnames intersect on a listener are not both
   * accepted); HTTPRoute matches sort first only to keep the order total.
   */
  static final Comparator<MatchEntry> BY_MATCH =
      Comparator.comparing(MatchEntry::grpc)
          .thenComparing((a, b) -> a.grpc() ? BY_METHOD.compare(a, b) : BY_PATH.compare(a, b));

  /** The tie-breakers among equal matches: age, namespace/name, rule and match order. */
  static final Comparator<MatchEntry> BY_ROUTE =
      Comparator.comparing(RoutePrecedence::creationTimestamp, RoutePrecedence::compareTimestamps)
          .thenComparing((MatchEntry e) -> e.route().getMetadata().getNamespace())
          .thenComparing(e -> e.route().getMetadata().getName())
          .thenComparingInt(MatchEntry::rule)
          .thenComparingInt(MatchEntry::match)
          // Only reached for two matches of the same route, rule and match index: never, in a
          // snapshot of distinct objects. Keeps the order total (and the output stable) anyway.
          .thenComparing(e -> e.path().value());

  static final Comparator<MatchEntry> ORDER = BY_MATCH.thenComparing(BY_ROUTE);

  private static int rank(PathMatchType type) {
    return switch (type) {
      case Exact -> 0;
      case RegularExpression -> 1;
      case PathPrefix -> 2;
    };
  }

  private static String creationTimestamp(MatchEntry entry) {
    return entry.route().getMetadata().getCreationTimestamp();
  }

  /**
   * Compares RFC 3339 instants (hand-written manifests may carry offsets or fractions); a route
   * without a timestamp (not yet stored) counts as the newest, an unparsable one compares as text.
   */
  static int compareTimestamps(String a, String b) {
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
