package dev.lintel.operator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls the echo service through one listener port of a Gateway with a real grpc-java client over
 * clear-text HTTP/2 (prior knowledge, as GRPCRoute requires of HTTP listeners), and checks answers
 * the way the upstream suite's gRPC expectations do: the call's status, and for a success the
 * method the echo server saw, its namespace and which backend ("pod") answered.
 */
final class GrpcGatewayClient implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 5;

  private final ManagedChannel channel;

  GrpcGatewayClient(String address, int port) {
    this.channel = NettyChannelBuilder.forAddress(address, port).usePlaintext().build();
  }

  /**
   * Makes one call.
   *
   * @param authority the {@code :authority} to send, or null for the Gateway's address
   * @param metadata request metadata to send
   */
  GrpcAnswer call(
      MethodDescriptor<byte[], byte[]> method, String authority, Map<String, String> metadata) {
    Metadata outgoing = new Metadata();
    metadata.forEach(
        (name, value) ->
            outgoing.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    AtomicReference<Metadata> headers = new AtomicReference<>(new Metadata());
    AtomicReference<Metadata> trailers = new AtomicReference<>(new Metadata());
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (authority != null) {
      options = options.withAuthority(authority);
    }
    try {
      byte[] response =
          ClientCalls.blockingUnaryCall(
              ClientInterceptors.intercept(
                  channel,
                  MetadataUtils.newAttachHeadersInterceptor(outgoing),
                  MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)),
              method,
              options,
              GrpcEcho.EMPTY_REQUEST);
      return new GrpcAnswer(
          Status.Code.OK, null, GrpcEchoResponse.decode(response), headers.get(), trailers.get());
    } catch (StatusRuntimeException e) {
      return new GrpcAnswer(
          e.getStatus().getCode(),
          e.getStatus().getDescription(),
          null,
          headers.get(),
          trailers.get());
    }
  }

  /** {@link #call} without authority or metadata. */
  GrpcAnswer call(MethodDescriptor<byte[], byte[]> method) {
    return call(method, null, Map.of());
  }

  /**
   * A call that must succeed and be answered by the echo server of Service {@code
   * namespace/backend} for {@code method} (upstream compares the pod name's prefix).
   */
  GrpcEchoResponse expectBackend(
      MethodDescriptor<byte[], byte[]> method,
      String authority,
      Map<String, String> metadata,
      String namespace,
      String backend) {
    GrpcAnswer answer = call(method, authority, metadata);
    String what = method.getFullMethodName() + " " + authority + " " + metadata;
    assertThat(answer.code())
        .as("status of %s: %s", what, answer.message())
        .isEqualTo(Status.Code.OK);
    GrpcEchoResponse echo = answer.response();
    assertThat(echo.fullyQualifiedMethod())
        .as("method the backend saw for %s", what)
        .isEqualTo("/" + method.getFullMethodName());
    assertThat(echo.namespace()).as("namespace of the backend for %s", what).isEqualTo(namespace);
    assertThat(echo.pod()).as("backend for %s", what).startsWith(backend);
    return echo;
  }

  /** {@link #expectBackend} without authority or metadata. */
  GrpcEchoResponse expectBackend(
      MethodDescriptor<byte[], byte[]> method, String namespace, String backend) {
    return expectBackend(method, null, Map.of(), namespace, backend);
  }

  /** A call that must end with {@code code}. */
  GrpcAnswer expectCode(
      MethodDescriptor<byte[], byte[]> method,
      String authority,
      Map<String, String> metadata,
      Status.Code code) {
    GrpcAnswer answer = call(method, authority, metadata);
    assertThat(answer.code())
        .as(
            "status of %s %s %s: %s",
            method.getFullMethodName(), authority, metadata, answer.message())
        .isEqualTo(code);
    return answer;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
