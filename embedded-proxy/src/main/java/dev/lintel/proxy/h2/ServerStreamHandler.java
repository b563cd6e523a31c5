package dev.lintel.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;

/**
 * First handler of a client's HTTP/2 stream: the stream's request goes on as HTTP/1.1 bytes to the
 * proxy's HTTP/1.1 client handler behind it, and the HTTP/1.1 response bytes that handler writes
 * come back out as HEADERS, DATA and trailing HEADERS (connection-specific fields dropped). A
 * request with a body and no content-length becomes chunked (its trailers the chunked trailers);
 * one without a body has no framing field. A stream the client resets closes the stream channel,
 * which aborts its exchange.
 */
public final class ServerStreamHandler extends StreamBridge {
  private static final AsciiString HEAD = AsciiString.cached("HEAD");

  public ServerStreamHandler() {
    super(Http2Framer.forResponse());
  }

  @Override
  ByteBuf head(ChannelHandlerContext ctx, Http2HeadersFrame frame) throws Http2MessageException {
    Http2Headers headers = frame.headers();
    chunked = !frame.isEndStream() && !headers.contains("content-length");
    if (HEAD.contentEquals(headers.method())) {
      framer().answersHead();
    }
    return Http1Bytes.requestHead(ctx.alloc(), headers, chunked);
  }

  @Override
  void refuse(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR));
    ctx.close();
  }
}
