package dev.lintel.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;

/**
 * First handler of a stream to an h2c backend: the HTTP/1.1 request bytes the proxy writes become
 * the stream's HEADERS, DATA and trailing HEADERS ({@code te: trailers} kept, which gRPC servers
 * require), and the backend's response comes back to the proxy's HTTP/1.1 response parser as
 * HTTP/1.1 bytes: chunked when it has no content-length, its trailers ({@code grpc-status} among
 * them) as the chunked trailers. Interim (1xx) responses are dropped, as the HTTP/1.1 upstream side
 * drops them. A response the bytes cannot carry, or a reset by the backend, closes the stream
 * channel: the exchange sees its upstream go away (502, or an aborted response).
 */
public final class ClientStreamHandler extends StreamBridge {
  public ClientStreamHandler() {
    super(Http2Framer.forRequest());
  }

  @Override
  ByteBuf head(ChannelHandlerContext ctx, Http2HeadersFrame frame) throws Http2MessageException {
    Http2Headers headers = frame.headers();
    if (Http1Bytes.status(headers) < 200) {
      return null;
    }
    chunked = !frame.isEndStream() && !headers.contains("content-length");
    return Http1Bytes.responseHead(ctx.alloc(), headers, chunked, frame.isEndStream());
  }

  @Override
  void refuse(ChannelHandlerContext ctx) {
    ctx.close();
  }
}
