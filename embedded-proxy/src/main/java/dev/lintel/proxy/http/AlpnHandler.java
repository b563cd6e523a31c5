package dev.lintel.proxy.http;

import dev.lintel.proxy.h2.Http2Pipelines;
import dev.lintel.proxy.tls.TlsConnection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sets an HTTPS connection up for the protocol its handshake chose by ALPN: {@code h2} replaces the
 * HTTP/1.1 frontend handler with the HTTP/2 handlers; anything else keeps it. The handshake's
 * completion comes before any request byte, so nothing is read in between.
 */
final class AlpnHandler extends ChannelInboundHandlerAdapter {
  private final ProxyContext proxy;
  private final int configPort;
  private final TlsConnection tls;

  AlpnHandler(ProxyContext proxy, int configPort, TlsConnection tls) {
    this.proxy = proxy;
    this.configPort = configPort;
    this.tls = tls;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      ctx.pipeline().remove(this);
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      if (done.isSuccess()
          && ssl != null
          && ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
        ctx.pipeline().remove(ProxyFrontendHandler.class);
        Http2Pipelines.addServer(
            ctx.pipeline(), new Http2StreamInitializer(proxy, configPort, tls));
      }
    }
    ctx.fireUserEventTriggered(evt);
  }
}
