package dev.lintel.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One side of an upgraded (WebSocket) connection: relays bytes as they come to the other side,
 * reading again only when the other side has taken them (read-after-write backpressure, as for
 * requests), and closes the other side when its own closes. Installed in place of the HTTP handlers
 * of both connections once the upstream answered {@code 101 Switching Protocols}.
 */
final class TunnelHandler extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final Runnable onClose;

  /**
   * @param peer the other connection of the tunnel
   * @param onClose run once when this side closes (the client side's connection count)
   */
  TunnelHandler(Channel peer, Runnable onClose) {
    this.peer = peer;
    this.onClose = onClose;
  }

  /** Connects two channels whose HTTP handlers are being replaced; both start reading. */
  static void join(
      Channel client,
      ByteBuf fromClient,
      Channel upstream,
      ByteBuf fromUpstream,
      Runnable onClose) {
    client.pipeline().addLast("tunnel", new TunnelHandler(upstream, onClose));
    upstream.pipeline().addLast("tunnel", new TunnelHandler(client, () -> {}));
    relay(fromClient, upstream);
    relay(fromUpstream, client);
    client.read();
    upstream.read();
  }

  /** Bytes already received before the switch belong to the tunnel too. */
  private static void relay(ByteBuf early, Channel to) {
    if (early != null && early.isReadable()) {
      to.writeAndFlush(early, to.voidPromise());
    } else if (early != null) {
      early.release();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!peer.isActive()) {
      io.netty.util.ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    peer.writeAndFlush(msg)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    ctx.channel().read();
                  } else {
                    f.channel().close();
                    ctx.close();
                  }
                });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    onClose.run();
    if (peer.isActive()) {
      // Whatever is queued for the peer goes out before it closes.
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
