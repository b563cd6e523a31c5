package dev.lintel.proxy.h2;

import dev.lintel.proxy.h1.HttpParseException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound half of both stream bridges: HTTP/1.1 bytes written on a stream channel become the
 * frames of its message. A write's promise completes with the last frame it produced (so the
 * proxy's read-after-write backpressure follows HTTP/2 flow control), or at once when the bytes
 * completed no frame.
 */
final class StreamWriter {
  private final Http2Framer framer;
  private final List<Http2StreamFrame> frames = new ArrayList<>(4);

  StreamWriter(Http2Framer framer) {
    this.framer = framer;
  }

  Http2Framer framer() {
    return framer;
  }

  void write(ChannelHandlerContext ctx, ByteBuf bytes, ChannelPromise promise) {
    try {
      framer.add(ctx.alloc(), bytes, frames);
    } catch (HttpParseException e) {
      // The proxy's own bytes, parsed once already: nothing sensible can follow.
      frames.forEach(io.netty.util.ReferenceCountUtil::release);
      frames.clear();
      promise.tryFailure(e);
      ctx.close();
      return;
    }
    int count = frames.size();
    if (count == 0) {
      promise.trySuccess();
      return;
    }
    for (int i = 0; i < count - 1; i++) {
      ctx.write(frames.get(i), ctx.voidPromise());
    }
    ctx.write(frames.get(count - 1), promise);
    frames.clear();
  }

  void release() {
    framer.release();
  }
}
