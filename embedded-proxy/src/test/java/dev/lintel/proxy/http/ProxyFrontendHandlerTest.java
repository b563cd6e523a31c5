package dev.lintel.proxy.http;

import static dev.lintel.proxy.testing.Configs.anyHost;
import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.config;
import static dev.lintel.proxy.testing.Configs.listener;
import static dev.lintel.proxy.testing.Configs.prefix;
import static dev.lintel.proxy.testing.Configs.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.metrics.ProxyMetrics;
import dev.lintel.proxy.routing.RoutingCompiler;
import dev.lintel.proxy.routing.RoutingTables;
import dev.lintel.proxy.upstream.UpstreamPool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers the frontend gives without any upstream, on an in-memory channel. */
class ProxyFrontendHandlerTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private EmbeddedChannel channel() throws Exception {
    RoutingTables tables =
        RoutingCompiler.compile(
            config(
                listener(
                    80,
                    vhost(List.of("empty.example.com"), prefix("empty", "/", backend("e", 1))),
                    anyHost(prefix("none", "/none")))));
    ProxyContext context =
        new ProxyContext(
            () -> tables,
            new UpstreamPool(
                NioSocketChannel.class,
                new UpstreamChannelInitializer(),
                Duration.ofSeconds(1),
                PooledByteBufAllocator.DEFAULT),
            new ProxyMetrics(registry),
            Duration.ofSeconds(1).toNanos());
    return new EmbeddedChannel(new ProxyChannelInitializer(context, 80));
  }

  private static String exchange(EmbeddedChannel channel, String request) {
    channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
    StringBuilder out = new StringBuilder();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      out.append(buf.toString(StandardCharsets.ISO_8859_1));
      buf.release();
    }
    return out.toString();
  }

  @Test
  void answersLocallyAndKeepsTheConnection() throws Exception {
    EmbeddedChannel channel = channel();
    assertThat(exchange(channel, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(exchange(channel, "GET /none HTTP/1.1\r\nHost: a\r\n\r\n"))
        .startsWith("HTTP/1.1 500 Internal Server Error\r\n");
    assertThat(
            exchange(
                channel,
                "POST / HTTP/1.1\r\nHost: empty.example.com\r\nContent-Length: 3\r\n\r\nabc"))
        .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
        .contains("content-type: text/plain")
        .endsWith("503 Service Unavailable\n");
    assertThat(channel.isOpen()).isTrue();
    assertThat(registry.get(ProxyMetrics.REQUESTS).tag("code", "5xx").counter().count())
        .isEqualTo(2);
    channel.finishAndReleaseAll();
  }

  @Test
  void answersGrpcCallsWithATrailersOnlyGrpcStatus() throws Exception {
    EmbeddedChannel channel = channel();
    String call =
        "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\n"
            + "Content-Length: 5\r\n\r\n\0\0\0\0\0";
    // No route: UNIMPLEMENTED, as a gRPC server answers an unknown method.
    assertThat(exchange(channel, String.format(call, "/pkg.Echo/Echo", "a", "application/grpc")))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\ncontent-type: application/grpc\r\ngrpc-status: 12\r\n"
                + "grpc-message: 404%20Not%20Found\r\ncontent-length: 0\r\n\r\n");
    // A rule without backends, and a backend without endpoints: UNAVAILABLE.
    assertThat(exchange(channel, String.format(call, "/none/Echo", "a", "x")))
        .startsWith("HTTP/1.1 500 Internal Server Error\r\n");
    assertThat(exchange(channel, String.format(call, "/none/Echo", "a", "application/grpc+proto")))
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("grpc-status: 14\r\n");
    assertThat(
            exchange(
                channel,
                String.format(call, "/pkg.Echo/Echo", "empty.example.com", "Application/GRPC")))
        .contains("grpc-status: 14\r\ngrpc-message: 503%20Service%20Unavailable\r\n");
    // The next plain request gets a plain answer again.
    assertThat(exchange(channel, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(channel.isOpen()).isTrue();
    channel.finishAndReleaseAll();
  }

  @Test
  void rejectsInvalidRequestsAndCloses() throws Exception {
    EmbeddedChannel badName = channel();
    assertThat(exchange(badName, "GET / HTTP/1.1\r\nHost: a\r\nBad Name: 1\r\n\r\n"))
        .startsWith("HTTP/1.1 400 Bad Request\r\n")
        .contains("connection: close");
    assertThat(badName.isOpen()).isFalse();

    EmbeddedChannel bareLf = channel();
    assertThat(exchange(bareLf, "GET / HTTP/1.1\nHost: a\n\n"))
        .startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(bareLf.isOpen()).isFalse();
  }

  @Test
  void discardsTheBodyOfALocallyAnsweredRequestAndServesTheNextOne() throws Exception {
    EmbeddedChannel channel = channel();
    String chunkedThenNext =
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n0\r\n\r\n"
            + "GET /none HTTP/1.1\r\nHost: a\r\n\r\n";
    String out = exchange(channel, chunkedThenNext);
    assertThat(out).startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(out).contains("HTTP/1.1 500 Internal Server Error\r\n");
    assertThat(channel.isOpen()).isTrue();
    channel.finishAndReleaseAll();
  }

  @Test
  void localAnswerToAClientWaitingFor100ContinueClosesTheConnection() throws Exception {
    EmbeddedChannel channel = channel();
    assertThat(
            exchange(
                channel,
                "PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n")
        .contains("connection: close")
        .doesNotContain("100 Continue");
    assertThat(channel.isOpen()).isFalse();

    EmbeddedChannel unknown = channel();
    assertThat(exchange(unknown, "PUT /x HTTP/1.1\r\nHost: a\r\nExpect: magic\r\n\r\n"))
        .startsWith("HTTP/1.1 417 Expectation Failed\r\n");
  }

  @Test
  void smugglingAttemptIsRefusedAndTheConnectionClosed() throws Exception {
    EmbeddedChannel channel = channel();
    assertThat(
            exchange(
                channel,
                "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /none HTTP/1.1\r\nHost: a\r\n\r\n"))
        .startsWith("HTTP/1.1 400 Bad Request\r\n")
        .doesNotContain("500");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void http10ClientWithoutKeepAliveIsClosedAfterTheAnswer() throws Exception {
    EmbeddedChannel channel = channel();
    assertThat(exchange(channel, "GET /x HTTP/1.0\r\n\r\n"))
        .startsWith("HTTP/1.1 404 Not Found\r\n");
    assertThat(channel.isOpen()).isFalse();
  }
}
