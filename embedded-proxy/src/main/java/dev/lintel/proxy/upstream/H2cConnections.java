package dev.lintel.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * HTTP/2 connections to h2c backends, per event loop like {@link UpstreamPool}: each request gets a
 * stream of its own on a shared connection to its endpoint. A connection takes streams up to the
 * backend's SETTINGS_MAX_CONCURRENT_STREAMS (counting streams still opening); when every connection
 * is full, or has received GOAWAY, another one is opened. Connections stay open while they carry
 * streams and close after the idle time of the HTTP/2 connection handlers.
 */
final class H2cConnections {
  private final UpstreamPool pool;
  private final ChannelHandler connectionInitializer;
  private final ChannelHandler streamInitializer;
  private final FastThreadLocal<Map<UpstreamAddress, List<H2cConnection>>> connections =
      new FastThreadLocal<>() {
        @Override
        protected Map<UpstreamAddress, List<H2cConnection>> initialValue() {
          return new HashMap<>();
        }
      };

  /**
   * @param pool opens the TCP connections
   * @param connectionInitializer makes a new connection speak HTTP/2 (sharable)
   * @param streamInitializer sets up each stream's channel (sharable)
   */
  H2cConnections(
      UpstreamPool pool, ChannelHandler connectionInitializer, ChannelHandler streamInitializer) {
    this.pool = pool;
    this.connectionInitializer = connectionInitializer;
    this.streamInitializer = streamInitializer;
  }

  /** A new stream to {@code address}; must be called on {@code loop}. */
  Future<Channel> openStream(EventLoop loop, UpstreamAddress address) {
    List<H2cConnection> list = connections.get().computeIfAbsent(address, a -> new ArrayList<>(2));
    H2cConnection connection = null;
    for (Iterator<H2cConnection> it = list.iterator(); it.hasNext(); ) {
      H2cConnection candidate = it.next();
      if (candidate.isDead()) {
        it.remove();
      } else if (connection == null && candidate.hasRoom()) {
        connection = candidate;
      }
    }
    if (connection == null) {
      connection = new H2cConnection(pool.connect(loop, address, connectionInitializer));
      list.add(connection);
    }
    Promise<Channel> stream = loop.newPromise();
    connection.open(stream, streamInitializer);
    return stream;
  }

  /** One connection and the streams it carries or is opening. */
  private static final class H2cConnection {
    /** Streams allowed before the backend's SETTINGS say how many (RFC 9113 suggests 100+). */
    private static final int INITIAL_STREAMS = 100;

    private final Future<Channel> connected;
    private int streams;
    private boolean failed;

    H2cConnection(Future<Channel> connected) {
      this.connected = connected;
    }

    boolean isDead() {
      if (failed) {
        return true;
      }
      if (!connected.isDone()) {
        return false;
      }
      if (!connected.isSuccess() || !connected.getNow().isActive()) {
        return true;
      }
      Http2Connection state = state();
      return state == null || state.goAwayReceived() || state.goAwaySent();
    }

    boolean hasRoom() {
      Http2Connection state = connected.isSuccess() ? state() : null;
      int max = state == null ? INITIAL_STREAMS : state.local().maxActiveStreams();
      return streams < max;
    }

    private Http2Connection state() {
      Http2FrameCodec codec = connected.getNow().pipeline().get(Http2FrameCodec.class);
      return codec == null ? null : codec.connection();
    }

    void open(Promise<Channel> stream, ChannelHandler streamInitializer) {
      streams++;
      connected.addListener(
          f -> {
            if (!connected.isSuccess()) {
              failed = true;
              streams--;
              stream.tryFailure(connected.cause());
              return;
            }
            Future<Http2StreamChannel> opened =
                new Http2StreamChannelBootstrap(connected.getNow())
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(streamInitializer)
                    .open();
            opened.addListener(
                o -> {
                  if (!opened.isSuccess()) {
                    streams--;
                    stream.tryFailure(opened.cause());
                    return;
                  }
                  Channel channel = opened.getNow();
                  channel.closeFuture().addListener(c -> streams--);
                  if (!stream.trySuccess(channel)) {
                    channel.close();
                  }
                });
          });
    }
  }
}
