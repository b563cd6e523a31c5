package dev.lintel.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One side of a relay: what this side's channel reads goes to the peer, and this side reads again
 * only when the peer took it. Until the peer is connected, reads are kept (and no more requested).
 * An end of stream is passed on: as a half-close where the peer's end is raw TCP, else by closing
 * the peer once it took everything; a side whose two directions both ended closes both channels.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  /** Whether this side's channel takes a half-close ({@code shutdownOutput}) from its peer. */
  private final boolean halfCloses;

  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private Channel channel;
  private Channel peer;
  private RelayHandler peerSide;
  private boolean inputEnded;
  private boolean outputEnded;

  RelayHandler(boolean halfCloses) {
    this.halfCloses = halfCloses;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  /** The peer is connected: sends what came meanwhile, then reads. On the channel's event loop. */
  void join(Channel self, Channel peer, RelayHandler peerSide) {
    this.channel = self;
    this.peer = peer;
    this.peerSide = peerSide;
    if (!self.isActive()) {
      peer.close();
      return;
    }
    Object message;
    boolean sent = false;
    while ((message = pending.poll()) != null) {
      sent = true;
      if (pending.isEmpty()) {
        forward(message);
      } else {
        peer.write(message, peer.voidPromise());
      }
    }
    if (inputEnded) {
      endPeerOutput();
    } else if (!sent) {
      self.read();
    }
  }

  /** The backend could not be reached: the client's connection closes. */
  void peerFailed() {
    release();
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (peer == null) {
      pending.add(msg);
      return;
    }
    if (!peer.isActive()) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    forward(msg);
  }

  private void forward(Object msg) {
    peer.writeAndFlush(msg)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    if (!inputEnded) {
                      channel.read();
                    }
                  } else {
                    f.channel().close();
                    channel.close();
                  }
                });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      inputEnded = true;
      if (peer != null) {
        endPeerOutput();
      }
    } else if (evt instanceof IdleStateEvent) {
      ctx.close();
      if (peer != null) {
        peer.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  /** This side sent everything it will: the peer's output ends once it took what is queued. */
  private void endPeerOutput() {
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (peerSide.halfCloses && peer instanceof DuplexChannel duplex) {
                    duplex
                        .shutdownOutput()
                        .addListener(
                            s -> {
                              peerSide.outputEnded = true;
                              peerSide.closeIfDone();
                              closeIfDone();
                            });
                  } else {
                    peer.close();
                  }
                });
  }

  /** Both directions of this side ended: nothing more can move through the relay. */
  private void closeIfDone() {
    if (inputEnded && outputEnded) {
      channel.close();
      peer.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    release();
    if (peer != null && peer.isActive()) {
      // Whatever is queued for the peer goes out before it closes.
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are routine for a relay: close quietly, as the HTTP path does.
    ctx.close();
  }

  private void release() {
    Object message;
    while ((message = pending.poll()) != null) {
      ReferenceCountUtil.release(message);
    }
  }
}
