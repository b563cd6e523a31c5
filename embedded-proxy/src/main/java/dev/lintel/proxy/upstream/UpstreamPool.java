package dev.lintel.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Keep-alive connections to upstream endpoints, one pool per event loop. A request always runs on
 * its client connection's event loop and its upstream connection is created on that same loop, so
 * the pool is a plain thread-local map: no lock, no cross-thread hand-off.
 *
 * <p>Connections are reused most-recently-used first (the warmest socket, and the idle ones at the
 * bottom age out when the upstream closes them). A released connection keeps a read pending so that
 * a close by the upstream is noticed and the connection dropped from the pool.
 *
 * <p>A connection to a TLS backend is handed out only after its handshake succeeded; it is pooled
 * under its address, which includes the TLS settings. Its client context is looked up at connect
 * time, so rotated material applies to new connections. Clear-text connections pay nothing for it.
 * An HTTP/2 backend over TLS offers {@code h2} by ALPN, and its connection starts HTTP/2 only after
 * the handshake: with prior knowledge when the backend selected no protocol, never when it selected
 * another one.
 *
 * <p>An h2c endpoint ({@link UpstreamAddress#isH2c}) is never idle here: {@link #connect} opens a
 * stream on a shared HTTP/2 connection ({@link H2cConnections}), and the stream is closed rather
 * than released when its exchange is done.
 */
public final class UpstreamPool {
  /** Idle connections kept per endpoint and event loop; more are closed on release. */
  public static final int MAX_IDLE_PER_ENDPOINT = 64;

  private final Bootstrap template;
  private final BackendTlsContexts tlsContexts;
  private final long handshakeTimeoutMillis;

  /** Streams to h2c endpoints, or null when this pool cannot open them. */
  private final H2cConnections h2c;

  private final FastThreadLocal<Map<UpstreamAddress, ArrayDeque<Channel>>> idle =
      new FastThreadLocal<>() {
        @Override
        protected Map<UpstreamAddress, ArrayDeque<Channel>> initialValue() {
          return new HashMap<>();
        }
      };

  /**
   * @param channelType the socket channel class of the transport in use
   * @param initializer installs the codec and the handler on every new connection
   * @param connectTimeout how long a connect may take before the request fails with 502
   * @param allocator buffers of the upstream connections (the client connections' allocator)
   */
  public UpstreamPool(
      Class<? extends SocketChannel> channelType,
      ChannelHandler initializer,
      Duration connectTimeout,
      ByteBufAllocator allocator) {
    this(channelType, initializer, null, connectTimeout, allocator, BackendTlsContexts.NONE);
  }

  /**
   * @param h2cStreamInitializer installs the codec and the handler on every stream to an h2c
   *     endpoint (sharable), or null when h2c endpoints are not served
   * @param tlsContexts the current client contexts of TLS settings
   */
  public UpstreamPool(
      Class<? extends SocketChannel> channelType,
      ChannelHandler initializer,
      ChannelHandler h2cStreamInitializer,
      Duration connectTimeout,
      ByteBufAllocator allocator,
      BackendTlsContexts tlsContexts) {
    this.tlsContexts = tlsContexts;
    this.handshakeTimeoutMillis = connectTimeout.toMillis();
    this.h2c =
        h2cStreamInitializer == null
            ? null
            : new H2cConnections(this, H2cConnectionInitializer.INSTANCE, h2cStreamInitializer);
    this.template =
        new Bootstrap()
            .channel(channelType)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.ALLOCATOR, allocator)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
            .handler(initializer);
  }

  /**
   * An idle open connection to {@code address} on the calling event loop, or null when there is
   * none (then {@link #connect}). Returned directly rather than as a completed future: this is the
   * path of nearly every request, and a future per request was measurable garbage.
   */
  public Channel pollIdle(UpstreamAddress address) {
    if (address.isH2c()) {
      return null;
    }
    ArrayDeque<Channel> queue = idle.get().get(address);
    if (queue != null) {
      Channel channel;
      while ((channel = queue.pollLast()) != null) {
        if (channel.isActive()) {
          return channel;
        }
      }
    }
    return null;
  }

  /**
   * Opens a new connection to {@code address} on {@code loop} (for an h2c endpoint, a new stream),
   * with a completed TLS handshake when the address asks for TLS. Must be called on {@code loop}.
   */
  public Future<Channel> connect(EventLoop loop, UpstreamAddress address) {
    if (address.isH2c()) {
      if (h2c == null) {
        return loop.newFailedFuture(new IllegalStateException("h2c endpoints are not served"));
      }
      return h2c.openStream(loop, address);
    }
    return connect(loop, address, null);
  }

  /**
   * A new connection set up by {@code initializer} instead of the pool's (null: the pool's). Over
   * TLS to an HTTP/2 endpoint, {@code initializer} runs once the handshake chose HTTP/2, so that
   * nothing of HTTP/2 is written before.
   */
  Future<Channel> connect(EventLoop loop, UpstreamAddress address, ChannelHandler initializer) {
    Promise<Channel> promise = loop.newPromise();
    SslContext tls = null;
    if (address.tls() != null) {
      tls = tlsContexts.context(address.tls(), address.isH2c());
      if (tls == null) {
        return promise.setFailure(
            new SSLException(
                "no trusted TLS material for backend " + address + " yet (CA or certificate)"));
      }
    }
    SslContext context = tls;
    ChannelHandler afterHandshake = null;
    Bootstrap bootstrap = template.clone(loop);
    if (context != null && address.isH2c() && initializer != null) {
      afterHandshake = initializer;
      bootstrap.handler(NoHandlersYet.INSTANCE);
    } else if (initializer != null) {
      bootstrap.handler(initializer);
    }
    ChannelHandler then = afterHandshake;
    ChannelFuture connect = bootstrap.connect(address.socketAddress());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            promise.setFailure(f.cause());
            return;
          }
          Channel channel = connect.channel();
          channel.closeFuture().addListener(c -> forget(address, channel));
          if (context == null) {
            promise.setSuccess(channel);
          } else {
            handshake(channel, context, address, then, promise);
          }
        });
    return promise;
  }

  /**
   * Puts TLS below the codec and completes {@code promise} once the handshake is done.
   *
   * @param h2Initializer installs HTTP/2 after the handshake, or null for a connection whose
   *     handlers are in place already
   */
  private void handshake(
      Channel channel,
      SslContext context,
      UpstreamAddress address,
      ChannelHandler h2Initializer,
      Promise<Channel> promise) {
    SslHandler tls =
        context.newHandler(channel.alloc(), address.tls().serverName(), address.port());
    tls.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
    channel.pipeline().addFirst("tls", tls);
    tls.handshakeFuture()
        .addListener(
            h -> {
              if (!h.isSuccess()) {
                channel.close();
                promise.setFailure(h.cause());
              } else if (h2Initializer == null) {
                promise.setSuccess(channel);
              } else if (tls.applicationProtocol() != null
                  && !ApplicationProtocolNames.HTTP_2.equals(tls.applicationProtocol())) {
                channel.close();
                promise.setFailure(
                    new SSLException(
                        "backend "
                            + address
                            + " chose "
                            + tls.applicationProtocol()
                            + " by ALPN; it was offered h2 only"));
              } else {
                // h2 by ALPN, or no ALPN at all: HTTP/2 with prior knowledge, as on clear text.
                channel.pipeline().addLast(h2Initializer);
                promise.setSuccess(channel);
              }
            });
    // AUTO_READ is off: the handshake's answers are read only when asked for.
    channel.read();
  }

  /**
   * Gives back a connection whose last response was read completely and whose request was sent
   * completely; anything else must be closed by the caller instead. Must be called on the
   * connection's event loop.
   */
  public void release(UpstreamAddress address, Channel channel) {
    if (address.isH2c()) {
      channel.close(); // a stream carries one exchange
      return;
    }
    if (!channel.isActive()) {
      return;
    }
    ArrayDeque<Channel> queue = idle.get().computeIfAbsent(address, a -> new ArrayDeque<>());
    if (queue.size() >= MAX_IDLE_PER_ENDPOINT) {
      channel.close();
      return;
    }
    queue.addLast(channel);
    channel.read();
  }

  /** The pipeline of a connection whose handlers come after its TLS handshake. */
  @ChannelHandler.Sharable
  private static final class NoHandlersYet extends ChannelInitializer<Channel> {
    static final NoHandlersYet INSTANCE = new NoHandlersYet();

    @Override
    protected void initChannel(Channel channel) {}
  }

  private void forget(UpstreamAddress address, Channel channel) {
    Map<UpstreamAddress, ArrayDeque<Channel>> byAddress = idle.get();
    ArrayDeque<Channel> queue = byAddress.get(address);
    if (queue != null && queue.remove(channel) && queue.isEmpty()) {
      byAddress.remove(address);
    }
  }
}
