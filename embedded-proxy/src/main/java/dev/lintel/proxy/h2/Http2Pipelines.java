package dev.lintel.proxy.h2;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The handlers of an HTTP/2 connection: the frame codec, one child channel per stream, the idle
 * timer and the {@link Http2ConnectionGuard}.
 */
public final class Http2Pipelines {
  private Http2Pipelines() {}

  /**
   * Makes {@code pipeline} serve HTTP/2 to a client.
   *
   * @param streamInitializer sets up each stream's channel (must be sharable)
   */
  public static void addServer(ChannelPipeline pipeline, ChannelHandler streamInitializer) {
    pipeline.addLast("h2", Http2Codecs.server());
    pipeline.addLast(afterServerCodec(streamInitializer));
  }

  /** What follows the codec on a client connection (for an upgrade, which adds the codec). */
  public static ChannelHandler[] afterServerCodec(ChannelHandler streamInitializer) {
    return new ChannelHandler[] {
      new Http2MultiplexHandler(streamInitializer),
      new IdleStateHandler(0, 0, Http2Limits.IDLE_TIMEOUT_SECONDS),
      new Http2ConnectionGuard()
    };
  }

  /** Makes {@code pipeline} speak HTTP/2 with prior knowledge to an h2c backend. */
  public static void addClient(ChannelPipeline pipeline) {
    pipeline.addLast("h2", Http2Codecs.client());
    pipeline.addLast(
        new Http2MultiplexHandler(NoPushedStreams.INSTANCE),
        new IdleStateHandler(0, 0, Http2Limits.IDLE_TIMEOUT_SECONDS),
        new Http2ConnectionGuard());
  }

  /** Backends may not push (the client settings say so): a stream they open anyway is closed. */
  @ChannelHandler.Sharable
  private static final class NoPushedStreams extends ChannelInboundHandlerAdapter {
    static final NoPushedStreams INSTANCE = new NoPushedStreams();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }
}
