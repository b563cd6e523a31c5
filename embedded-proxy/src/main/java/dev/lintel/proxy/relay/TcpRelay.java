package dev.lintel.proxy.relay;

import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts the relay of one client connection to one backend endpoint: installs the client side in
 * the client's pipeline (at {@code name}), connects to the backend on the client's event loop and
 * joins the two once connected. Bytes the client sent meanwhile (the ClientHello among them) are
 * kept and sent first.
 *
 * <p>A backend spoken to over TLS (a BackendTLSPolicy behind a terminating listener) is joined only
 * once its handshake succeeded; a failed handshake closes the client's connection, as a failed
 * connect does. Its end of stream is then a close (close_notify), never a TCP half-close under the
 * TLS session.
 */
public final class TcpRelay {
  /** An open relay in which no byte moved for this long is closed (Envoy's TCP proxy default). */
  public static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

  static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private TcpRelay() {}

  /**
   * @param client the accepted connection, not reading (auto-read off)
   * @param after the handler after which the relay goes in the client's pipeline
   * @param endpoint the backend endpoint
   * @param backendTls the client context of the endpoint's TLS, or null for clear text
   * @param framing how the client's side ends
   * @param idleTimeout how long a relay may move no byte
   */
  public static void start(
      Channel client,
      String after,
      UpstreamAddress endpoint,
      SslContext backendTls,
      RelayedClient framing,
      Duration idleTimeout) {
    RelayHandler clientSide = new RelayHandler(framing == RelayedClient.RAW);
    ChannelPipeline pipeline = client.pipeline();
    pipeline.addAfter(
        after,
        "relay-idle",
        new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
    pipeline.addAfter("relay-idle", "relay", clientSide);
    if (framing == RelayedClient.RAW) {
      client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
    RelayHandler backendSide = new RelayHandler(backendTls == null);
    ChannelFuture connect =
        new Bootstrap()
            .group(client.eventLoop())
            // The accepted channel's own class: epoll or NIO, whichever the server runs on.
            .channel(client.getClass())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, client.alloc())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .handler(backendSide)
            .connect(endpoint.socketAddress());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            clientSide.peerFailed();
            return;
          }
          Channel backend = connect.channel();
          if (backendTls == null) {
            join(client, clientSide, backend, backendSide);
          } else {
            handshake(client, clientSide, backend, backendSide, backendTls, endpoint);
          }
        });
    client.closeFuture().addListener(f -> connect.channel().close());
  }

  private static void join(
      Channel client, RelayHandler clientSide, Channel backend, RelayHandler backendSide) {
    backendSide.join(backend, client, clientSide);
    clientSide.join(client, backend, backendSide);
  }

  private static void handshake(
      Channel client,
      RelayHandler clientSide,
      Channel backend,
      RelayHandler backendSide,
      SslContext context,
      UpstreamAddress endpoint) {
    // The peer host is the policy's hostname: the SNI sent and the name the JDK checks.
    SslHandler tls =
        context.newHandler(backend.alloc(), endpoint.tls().serverName(), endpoint.port());
    tls.setHandshakeTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
    backend.pipeline().addFirst("tls", tls);
    tls.handshakeFuture()
        .addListener(
            h -> {
              if (h.isSuccess()) {
                join(client, clientSide, backend, backendSide);
              } else {
                backend.close();
                clientSide.peerFailed();
              }
            });
    // AUTO_READ is off: the handshake's answers are read only when asked for.
    backend.read();
  }
}
