package dev.lintel.proxy.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.List;

/**
 * First handler of an echo connection: the HTTP/2 connection preface makes it h2c (prior knowledge;
 * each stream is echoed by its own {@link EchoHandler}), anything else HTTP/1.1.
 */
final class EchoProtocolDetector extends ByteToMessageDecoder {
  private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

  private final String name;
  private final RequestLog requests;
  private final EchoRetry retries;

  EchoProtocolDetector(String name, RequestLog requests, EchoRetry retries) {
    this.name = name;
    this.requests = requests;
    this.retries = retries;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
    boolean prefix = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, 0, length);
    if (prefix && length < PREFACE.readableBytes()) {
      return; // wait for the rest of the preface
    }
    if (prefix) {
      ctx.pipeline()
          .addAfter(ctx.name(), "h2", Http2FrameCodecBuilder.forServer().build())
          .addAfter("h2", null, new Http2MultiplexHandler(new StreamInitializer()));
    } else {
      ctx.pipeline()
          .addAfter(ctx.name(), "http", new HttpServerCodec())
          .addAfter("http", null, new EchoHandler(name, requests, retries, "HTTP/1.1"));
    }
    ctx.pipeline().remove(this); // hands what was received on
  }

  /** Each stream of an h2c connection: HTTP objects for an {@link EchoHandler} of its own. */
  @ChannelHandler.Sharable
  private final class StreamInitializer extends ChannelInitializer<Channel> {
    @Override
    protected void initChannel(Channel stream) {
      stream
          .pipeline()
          .addLast(new Http2StreamFrameToHttpObjectCodec(true))
          .addLast(new EchoHandler(name, requests, retries, "HTTP/2.0"));
    }
  }
}
