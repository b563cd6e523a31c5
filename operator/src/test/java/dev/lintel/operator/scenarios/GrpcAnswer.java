package dev.lintel.operator.scenarios;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * The outcome of one gRPC call through a Gateway.
 *
 * @param code the call's status
 * @param message the status description, or null
 * @param response the echo server's answer when the call succeeded, else null
 * @param headers the response headers (empty for a trailers-only answer)
 * @param trailers the trailers
 */
record GrpcAnswer(
    Status.Code code,
    String message,
    GrpcEchoResponse response,
    Metadata headers,
    Metadata trailers) {}
