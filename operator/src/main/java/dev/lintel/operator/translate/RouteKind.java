package dev.lintel.operator.translate;

/**
 * The route kinds Lintel serves: what a listener's {@code supportedKinds} and a ReferenceGrant's
 * {@code from} name them, and how messages and config route names tell them apart. HTTPRoute and
 * GRPCRoute share the HTTP translation; TLSRoute has its own.
 */
enum RouteKind {
  HTTP_ROUTE("HTTPRoute"),
  GRPC_ROUTE("GRPCRoute"),
  TLS_ROUTE("TLSRoute");

  private final String kind;

  RouteKind(String kind) {
    this.kind = kind;
  }

  /** The Kubernetes kind, e.g. {@code GRPCRoute}. */
  String kind() {
    return kind;
  }
}
