package dev.lintel.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The upstream side of the proxy, one instance per upstream connection, which outlives the requests
 * it carries: each request attaches its {@link ProxyExchange} and detaches it when done. While
 * detached (idle in the pool) the upstream must stay silent; anything it sends closes the
 * connection.
 */
public final class ProxyBackendHandler extends ChannelInboundHandlerAdapter {
  private ProxyExchange exchange;

  void attach(ProxyExchange exchange) {
    this.exchange = exchange;
  }

  void detach() {
    this.exchange = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ProxyExchange current = exchange;
    if (current != null && msg instanceof HttpObject object) {
      current.onResponseObject(object);
    } else {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ProxyExchange current = exchange;
    if (current != null) {
      current.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ProxyExchange current = exchange;
    if (current != null) {
      current.onUpstreamClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // The exchange learns about it through channelInactive.
    ctx.close();
  }
}
