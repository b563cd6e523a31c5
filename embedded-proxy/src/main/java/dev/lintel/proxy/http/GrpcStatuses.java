package dev.lintel.proxy.http;

import dev.lintel.proxy.h1.HeaderFields;

/**
 * The gRPC status code a gRPC client gets where the proxy answers a gRPC request itself. A gRPC
 * client reads the call's outcome from {@code grpc-status}, not from the HTTP status, so such an
 * answer is a trailers-only response (HTTP 200) carrying the code the HTTP status stands for, as
 * gRPC's own HTTP-to-gRPC mapping gives it; except 500, which the proxy answers only where a rule
 * has no usable backend (invalid, not permitted, all weights 0): {@code UNAVAILABLE}, as the
 * GRPCRoute spec asks for requests routed to an invalid backend.
 */
final class GrpcStatuses {
  static final int INTERNAL = 13;
  static final int UNAUTHENTICATED = 16;
  static final int PERMISSION_DENIED = 7;
  static final int UNIMPLEMENTED = 12;
  static final int UNAVAILABLE = 14;
  static final int UNKNOWN = 2;

  private GrpcStatuses() {}

  static int forHttpStatus(int status) {
    return switch (status) {
      case 400 -> INTERNAL;
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> UNIMPLEMENTED;
      case 429, 500, 502, 503, 504 -> UNAVAILABLE;
      default -> UNKNOWN;
    };
  }

  /**
   * Whether a request's {@code content-type} makes it a gRPC call ({@code application/grpc*}). Runs
   * for every request, so it reads the header in place instead of copying it out.
   */
  static boolean isGrpc(HeaderFields headers) {
    return headers.valueStartsWith("content-type", "application/grpc");
  }
}
