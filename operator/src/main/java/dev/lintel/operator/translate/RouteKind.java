package dev.lintel.operator.translate;

/**
 * The route kinds that share the HTTP translation: what a listener's {@code supportedKinds} and a
 * ReferenceGrant's {@code from} name them, and how messages and config route names tell them apart.
 */
enum RouteKind {
  HTTP_ROUTE("HTTPRoute"),
  GRPC_ROUTE("GRPCRoute");

  private final String kind;

  RouteKind(String kind) {
    this.kind = kind;
  }

  /** The Kubernetes kind, e.g. {@code GRPCRoute}. */
  String kind() {
    return kind;
  }
}
