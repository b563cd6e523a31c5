package dev.lintel.proxy.http;

import dev.lintel.proxy.h1.BodyDecoder;
import dev.lintel.proxy.h1.HeadBuffer;
import dev.lintel.proxy.h1.HeadScanner;
import dev.lintel.proxy.h1.HttpParseException;
import dev.lintel.proxy.h1.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * The upstream side of the proxy, one instance per upstream connection, which outlives the requests
 * it carries: each request attaches its {@link UpstreamExchange} and detaches it when done. It
 * parses the responses itself. While detached (idle in the pool) the upstream must stay silent;
 * anything it sends closes the connection.
 */
public final class ProxyBackendHandler extends ChannelInboundHandlerAdapter {
  private final HeadScanner heads =
      new HeadScanner(HttpLimits.MAX_STATUS_LINE, HttpLimits.MAX_RESPONSE_FIELDS, 502);
  private final HeadBuffer headBuffer = new HeadBuffer();
  private UpstreamExchange exchange;
  private ByteBuf received;

  /** The body of the current response, while it is being read. */
  private BodyDecoder body;

  void attach(UpstreamExchange exchange) {
    this.exchange = exchange;
    this.body = null;
    heads.reset();
  }

  void detach() {
    this.exchange = null;
  }

  /** Nothing received beyond the last response: the connection can carry another request. */
  boolean isIdle() {
    return (received == null || !received.isReadable()) && body == null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (exchange == null || !(msg instanceof ByteBuf bytes)) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    received =
        received == null
            ? bytes
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), received, bytes);
    try {
      decode();
    } catch (HttpParseException e) {
      UpstreamExchange current = exchange;
      release();
      ctx.close();
      if (current != null) {
        current.onProtocolError();
      }
      return;
    }
    if (received != null && !received.isReadable()) {
      received.release();
      received = null;
    }
  }

  private void decode() throws HttpParseException {
    while (exchange != null && received != null && received.isReadable()) {
      if (body == null) {
        int length = heads.scan(received);
        if (length < 0) {
          return;
        }
        ResponseHead response = headBuffer.parseResponse(received, length);
        if (response.status() == 101) {
          ByteBuf rest = received;
          received = null;
          if (exchange.onSwitchingProtocols(response, rest)) {
            exchange = null; // the connection is a tunnel now; this handler has been removed
            return;
          }
          received = rest;
          throw new HttpParseException(502, "101 Switching Protocols without an upgrade request");
        }
        if (response.status() < 200) {
          continue; // interim responses are not relayed: the proxy answered any Expect itself
        }
        body = exchange.onResponseHead(response);
      } else {
        ByteBuf piece = body.next(received);
        if (piece == null) {
          return;
        }
        BodyDecoder current = body;
        boolean last = current.isDone();
        if (last) {
          body = null;
        }
        exchange.onResponseContent(piece, last, current.trailers()); // empty until done
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    UpstreamExchange current = exchange;
    if (current != null) {
      current.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    UpstreamExchange current = exchange;
    if (current != null) {
      if (body != null && body.isUntilClose()) {
        // The close is the end of this body.
        body.finish();
        body = null;
        current.onResponseContent(Unpooled.EMPTY_BUFFER, true, BodyDecoder.NO_TRAILERS);
      } else {
        current.onUpstreamClosed();
      }
    }
    release();
    ctx.fireChannelInactive();
  }

  private void release() {
    if (received != null) {
      received.release();
      received = null;
    }
    body = null;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // The exchange learns about it through channelInactive.
    ctx.close();
  }
}
