package dev.lintel.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * What both stream bridges share: inbound frames become HTTP/1.1 bytes for the handler behind,
 * outbound HTTP/1.1 bytes become frames ({@link StreamWriter}). A reset by the peer closes the
 * stream channel.
 */
abstract class StreamBridge extends ChannelDuplexHandler {
  private final StreamWriter writer;

  /** Inside {@link #channelRead}: a read asked for now cannot deliver anything at once. */
  private boolean delivering;

  private Runnable deferredRead;

  /** The inbound message has a body without a declared length: it goes on as chunks. */
  boolean chunked;

  private boolean headSeen;

  StreamBridge(Http2Framer framer) {
    this.writer = new StreamWriter(framer);
  }

  Http2Framer framer() {
    return writer.framer();
  }

  /**
   * The HTTP/1.1 head of the inbound message's first HEADERS frame (setting {@link #chunked}), or
   * null to skip the frame (an interim response).
   */
  abstract ByteBuf head(ChannelHandlerContext ctx, Http2HeadersFrame frame)
      throws Http2MessageException;

  /** The head, or trailers: the last chunk (a body with a declared length cannot carry them). */
  private ByteBuf headers(ChannelHandlerContext ctx, Http2HeadersFrame frame)
      throws Http2MessageException {
    if (!headSeen) {
      ByteBuf head = head(ctx, frame);
      headSeen = head != null;
      return head;
    }
    return chunked ? Http1Bytes.lastChunk(ctx.alloc(), frame.headers()) : null;
  }

  /** The inbound message cannot become HTTP/1.1: end the stream. */
  abstract void refuse(ChannelHandlerContext ctx);

  @Override
  public final void handlerAdded(ChannelHandlerContext ctx) {
    deferredRead = ctx::read;
  }

  /**
   * A stream channel delivers frames it holds already from within {@code read()}, where a socket
   * only ever delivers later, from the event loop. The proxy's handlers ask for input at the end of
   * their processing and rely on the socket's way (input that arrives while they process is left
   * for the next round), so a read asked for outside a delivery is run from the event loop.
   */
  @Override
  public final void read(ChannelHandlerContext ctx) {
    if (delivering) {
      ctx.read();
    } else {
      ctx.executor().execute(deferredRead);
    }
  }

  @Override
  public final void channelRead(ChannelHandlerContext ctx, Object msg) {
    delivering = true;
    try {
      deliver(ctx, msg);
    } finally {
      delivering = false;
    }
  }

  private void deliver(ChannelHandlerContext ctx, Object msg) {
    ByteBuf bytes = null;
    try {
      if (msg instanceof Http2HeadersFrame frame) {
        bytes = headers(ctx, frame);
      } else if (msg instanceof Http2DataFrame frame) {
        bytes = Http1Bytes.body(ctx.alloc(), frame, chunked);
      } else {
        ReferenceCountUtil.release(msg);
        if (msg instanceof Http2ResetFrame) {
          ctx.close();
          return;
        }
      }
    } catch (Http2MessageException e) {
      refuse(ctx);
      return;
    }
    if (bytes == null) {
      ctx.read(); // nothing for the handler behind, which still waits for input
    } else {
      ctx.fireChannelRead(bytes);
    }
  }

  @Override
  public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf bytes) {
      writer.write(ctx, bytes, promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  /**
   * A stream error the HTTP/2 codec found (a WINDOW_UPDATE of 0, DATA beyond the window...) stops
   * here: the multiplexer closes the stream right after with that error's code, which the reset
   * limit counts (MadeYouReset). Letting the proxy's handler close it first would reset it as
   * CANCEL, which nobody counts. The handler learns of the end from the stream's close.
   */
  @Override
  public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof Http2Exception)) {
      ctx.fireExceptionCaught(cause);
    }
  }

  @Override
  public final void handlerRemoved(ChannelHandlerContext ctx) {
    writer.release();
  }
}
