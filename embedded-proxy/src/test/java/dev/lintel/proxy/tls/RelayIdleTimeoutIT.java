package dev.lintel.proxy.tls;

import static dev.lintel.proxy.testing.Configs.backend;
import static dev.lintel.proxy.testing.Configs.local;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lintel.proxy.config.TlsListener;
import dev.lintel.proxy.config.TlsMode;
import dev.lintel.proxy.config.TlsRoute;
import dev.lintel.proxy.server.Transport;
import dev.lintel.proxy.testing.TestCertificates;
import dev.lintel.proxy.testing.TlsEchoClient;
import dev.lintel.proxy.testing.TlsEchoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The idle timeout of TLSRoute relays, with a short one given to the {@link SniSelectionHandler}
 * instead of the hour the proxy uses: a relay that moves no byte for that long is closed, one that
 * keeps moving bytes stays open for many times that long.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RelayIdleTimeoutIT {
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(300);
  private static final TestCertificates BACKEND_CA = TestCertificates.authority("backend CA");
  private static final SSLContext TRUST_BACKEND = BACKEND_CA.clientContext();

  private final EventLoopGroup group = Transport.best().newEventLoopGroup(1, "relay-idle-test");
  private TlsEchoServer backendServer;
  private Channel server;

  @BeforeEach
  void start() throws Exception {
    backendServer = TlsEchoServer.tls("a", BACKEND_CA.issue("a.example.com"));
    TlsListener passthrough =
        new TlsListener(
            null,
            TlsMode.Passthrough,
            List.of(),
            List.of(
                new TlsRoute(
                    "a",
                    List.of("a.example.com"),
                    List.of(backend("a", 1, local(backendServer.port()))))));
    SniListener sni =
        new SniListener(List.of(), List.of(new TlsRouteTable(passthrough, List.of(), Map.of())));
    server =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.best().serverChannelType())
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel
                        .pipeline()
                        .addLast(
                            "sni", new SniSelectionHandler(sni, new TlsConnection(), IDLE_TIMEOUT));
                    // The proxy's frontend handler asks for the first read; this stands in for it.
                    channel.pipeline().addLast("first-read", new FirstRead());
                  }
                })
            .bind(InetAddress.getLoopbackAddress(), 0)
            .sync()
            .channel();
  }

  @AfterEach
  void stop() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    backendServer.close();
  }

  @Test
  void aRelayThatMovesNoByteIsClosed() throws Exception {
    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKEND, port(), "a.example.com")) {
      assertThat(client.greeting()).isEqualTo("a");
      long lastByte = System.nanoTime();
      CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> endOf(client));

      assertThat(ended.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - lastByte))
          .isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
    }
  }

  @Test
  void aRelayThatKeepsMovingBytesStaysOpen() throws Exception {
    try (TlsEchoClient client = TlsEchoClient.connect(TRUST_BACKEND, port(), "a.example.com")) {
      assertThat(client.greeting()).isEqualTo("a");
      // Ten times the idle timeout, a byte each way every 100 ms.
      for (int i = 0; i < 30; i++) {
        client.send(new byte[] {'x'});
        assertThat(new String(client.read(1), StandardCharsets.US_ASCII)).isEqualTo("x");
        Thread.sleep(100);
      }
    }
  }

  private int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Whether the client's connection ends (end of stream or a broken TLS session) unprompted. */
  private static boolean endOf(TlsEchoClient client) {
    try {
      return client.read(1).length == 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Reads once when the connection opens: the SNI handler needs the ClientHello. */
  private static final class FirstRead extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.read();
      ctx.fireChannelActive();
    }
  }
}
