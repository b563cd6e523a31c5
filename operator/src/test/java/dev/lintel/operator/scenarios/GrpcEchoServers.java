package dev.lintel.operator.scenarios;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One real gRPC echo server (grpc-java, clear-text HTTP/2) per gRPC Service of the conformance
 * base, answering {@code Echo} and {@code EchoTwo} as upstream's echo server does: with the method
 * called, the metadata received, the authority and its own namespace and name. {@code EchoThree} is
 * not implemented. Each server keeps what it answered, so a test can find mirrored calls.
 */
final class GrpcEchoServers implements AutoCloseable {
  /** The gRPC Services of the conformance base, as {@code namespace/name}. */
  static final List<String> SERVICES =
      List.of(
          "gateway-conformance-infra/grpc-infra-backend-v1",
          "gateway-conformance-infra/grpc-infra-backend-v2",
          "gateway-conformance-infra/grpc-infra-backend-v3");

  private final Map<String, Server> servers = new LinkedHashMap<>();
  private final Map<String, List<GrpcEchoResponse>> answered = new LinkedHashMap<>();

  private GrpcEchoServers() {}

  /** Starts every server on 127.0.0.1 with an ephemeral port. */
  static GrpcEchoServers start() throws IOException {
    GrpcEchoServers echoes = new GrpcEchoServers();
    try {
      for (String service : SERVICES) {
        List<GrpcEchoResponse> log = new CopyOnWriteArrayList<>();
        ServerCallHandler<byte[], byte[]> echo = new EchoHandler(service, log);
        Server server =
            NettyServerBuilder.forAddress(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))
                .addService(
                    ServerServiceDefinition.builder(GrpcEcho.SERVICE)
                        .addMethod(GrpcEcho.ECHO, echo)
                        .addMethod(GrpcEcho.ECHO_TWO, echo)
                        .build())
                .build()
                .start();
        echoes.servers.put(service, server);
        echoes.answered.put(service, log);
      }
    } catch (IOException | RuntimeException e) {
      echoes.close();
      throw e;
    }
    return echoes;
  }

  /**
   * The manifest variables for the servers' ports: {@code {GRPC_INFRA_BACKEND_V1_PORT}} for Service
   * {@code grpc-infra-backend-v1}, and so on.
   */
  Map<String, String> manifestVariables() {
    Map<String, String> result = new LinkedHashMap<>();
    servers.forEach(
        (service, server) -> result.put(EchoBackends.portVariable(service), "" + server.getPort()));
    return result;
  }

  /** The port the server of Service {@code namespace/name} listens on (127.0.0.1). */
  int port(String namespace, String name) {
    Server server = servers.get(namespace + "/" + name);
    if (server == null) {
      throw new IllegalArgumentException("no gRPC echo server for " + namespace + "/" + name);
    }
    return server.getPort();
  }

  /** Everything the server of Service {@code namespace/name} has answered so far, in order. */
  List<GrpcEchoResponse> answered(String namespace, String name) {
    List<GrpcEchoResponse> log = answered.get(namespace + "/" + name);
    if (log == null) {
      throw new IllegalArgumentException("no gRPC echo server for " + namespace + "/" + name);
    }
    return List.copyOf(log);
  }

  @Override
  public void close() {
    for (Server server : servers.values()) {
      server.shutdownNow();
    }
    for (Server server : servers.values()) {
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Answers a unary call once the client has sent its (empty) request. */
  private record EchoHandler(String service, List<GrpcEchoResponse> log)
      implements ServerCallHandler<byte[], byte[]> {
    @Override
    public ServerCall.Listener<byte[]> startCall(
        ServerCall<byte[], byte[]> call, Metadata headers) {
      call.request(1);
      return new ServerCall.Listener<>() {
        @Override
        public void onHalfClose() {
          int slash = service.indexOf('/');
          GrpcEchoResponse echo =
              new GrpcEchoResponse(
                  "/" + call.getMethodDescriptor().getFullMethodName(),
                  metadataOf(headers),
                  call.getAuthority(),
                  service.substring(0, slash),
                  service.substring(slash + 1));
          log.add(echo);
          call.sendHeaders(new Metadata());
          call.sendMessage(echo.encode());
          call.close(Status.OK, new Metadata());
        }
      };
    }

    private static List<Map.Entry<String, String>> metadataOf(Metadata headers) {
      List<Map.Entry<String, String>> result = new ArrayList<>();
      for (String key : headers.keys()) {
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          continue;
        }
        Iterable<String> values =
            headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (values != null) {
          values.forEach(value -> result.add(Map.entry(key, value)));
        }
      }
      return List.copyOf(result);
    }
  }
}
