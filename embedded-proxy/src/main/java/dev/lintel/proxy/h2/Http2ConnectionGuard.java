package dev.lintel.proxy.h2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Last handler of an HTTP/2 connection (either side). The connection reads freely, unlike the
 * proxy's HTTP/1 connections: HTTP/2 flow control bounds what a peer can make it buffer, and
 * control frames must be read to be answered. It opens the connection window to {@link
 * Http2Limits#CONNECTION_WINDOW} (the protocol starts every connection at 64 KiB, which would make
 * concurrent streams wait on each other), and closes the connection, with GOAWAY, once it has been
 * idle without streams for {@link Http2Limits#IDLE_TIMEOUT_SECONDS}.
 */
final class Http2ConnectionGuard extends ChannelInboundHandlerAdapter {
  private boolean started;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    int delta = Http2Limits.CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
    ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(delta), ctx.voidPromise());
    ctx.channel().config().setAutoRead(true);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
      if (codec == null || codec.connection().numActiveStreams() == 0) {
        ctx.close(); // the codec sends GOAWAY first
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  /**
   * The codec shows a connection error to the pipeline before it sends GOAWAY with the error's code
   * and closes: closing here first would send GOAWAY without it (NO_ERROR). Anything else is I/O.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof Http2Exception) {
        return;
      }
    }
    ctx.close();
  }
}
