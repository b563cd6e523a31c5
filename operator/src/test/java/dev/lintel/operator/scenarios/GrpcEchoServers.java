package dev.lintel.operator.scenarios;

import dev.lintel.proxy.tls.CertificatePem;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One real gRPC echo server (grpc-java, clear-text HTTP/2) per gRPC Service of the conformance
 * base, answering {@code Echo} and {@code EchoTwo} as upstream's echo server does: with the method
 * called, the metadata received, the authority and its own namespace and name; {@code EchoThree}
 * gets no handler, as in upstream's server (see {@link GrpcEcho}). Each server keeps what it
 * answered, so a test can find mirrored calls.
 *
 * <p>A Service may also have a server over TLS ({@link #startTls}, upstream's port 8443 of the echo
 * pods, behind the BackendTLSPolicy of BackendTLSPolicyGRPCRoute): it answers as the clear-text one
 * of its Service, into the same log.
 */
final class GrpcEchoServers implements AutoCloseable {
  /** The gRPC Services of the conformance base, as {@code namespace/name}. */
  static final List<String> SERVICES =
      List.of(
          "gateway-conformance-infra/grpc-infra-backend-v1",
          "gateway-conformance-infra/grpc-infra-backend-v2",
          "gateway-conformance-infra/grpc-infra-backend-v3");

  private final Map<String, Server> servers = new LinkedHashMap<>();
  private final Map<String, Server> tlsServers = new LinkedHashMap<>();
  private final Map<String, List<GrpcEchoResponse>> answered = new LinkedHashMap<>();

  private GrpcEchoServers() {}

  /** Starts every server on 127.0.0.1 with an ephemeral port. */
  static GrpcEchoServers start() throws IOException {
    GrpcEchoServers echoes = new GrpcEchoServers();
    try {
      for (String service : SERVICES) {
        List<GrpcEchoResponse> log = new CopyOnWriteArrayList<>();
        echoes.answered.put(service, log);
        echoes.servers.put(
            service, echoService(service, log, NettyServerBuilder.forAddress(loopback())));
      }
    } catch (IOException | RuntimeException e) {
      echoes.close();
      throw e;
    }
    return echoes;
  }

  /**
   * Starts a server over TLS for Service {@code namespace/name} (one of {@link #SERVICES}),
   * presenting {@code identity} (its key in PKCS#8) and offering {@code h2} by ALPN, as gRPC
   * servers do.
   */
  void startTls(String service, CertificatePem identity) throws IOException {
    List<GrpcEchoResponse> log = answered.get(service);
    if (log == null) {
      throw new IllegalArgumentException("no gRPC echo server for " + service);
    }
    ServerCredentials credentials =
        TlsServerCredentials.create(pem(identity.certificateChain()), pem(identity.privateKey()));
    tlsServers.put(
        service, echoService(service, log, NettyServerBuilder.forAddress(loopback(), credentials)));
  }

  private static ByteArrayInputStream pem(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static InetSocketAddress loopback() throws IOException {
    return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
  }

  /** Starts a server that answers as Service {@code service} into {@code log}. */
  private static Server echoService(
      String service, List<GrpcEchoResponse> log, NettyServerBuilder builder) throws IOException {
    ServerCallHandler<byte[], byte[]> echo = new EchoHandler(service, log);
    return builder
        .addService(
            ServerServiceDefinition.builder(GrpcEcho.SERVICE)
                .addMethod(GrpcEcho.ECHO, echo)
                .addMethod(GrpcEcho.ECHO_TWO, echo)
                .build())
        .build()
        .start();
  }

  /**
   * The manifest variables for the servers' ports: {@code {GRPC_INFRA_BACKEND_V1_PORT}} for Service
   * {@code grpc-infra-backend-v1}, and so on; {@code {GRPC_INFRA_BACKEND_V1_TLS_PORT}} for its
   * server over TLS, if started.
   */
  Map<String, String> manifestVariables() {
    Map<String, String> result = new LinkedHashMap<>();
    servers.forEach(
        (service, server) -> result.put(EchoBackends.portVariable(service), "" + server.getPort()));
    tlsServers.forEach(
        (service, server) ->
            result.put(
                EchoBackends.portVariable(service).replace("_PORT}", "_TLS_PORT}"),
                "" + server.getPort()));
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
    List<Server> all = new ArrayList<>(servers.values());
    all.addAll(tlsServers.values());
    for (Server server : all) {
      server.shutdownNow();
    }
    for (Server server : all) {
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
