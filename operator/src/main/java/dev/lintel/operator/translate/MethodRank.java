package dev.lintel.operator.translate;

/**
 * What the GRPCRoute precedence counts of one method match: the characters of its service and of
 * its method (0 where it leaves one open). HTTPRoute matches have none.
 *
 * @param service characters in the matched service
 * @param method characters in the matched method
 */
record MethodRank(int service, int method) {
  /** A match without a method match: any service, any method. */
  static final MethodRank ANY = new MethodRank(0, 0);
}
