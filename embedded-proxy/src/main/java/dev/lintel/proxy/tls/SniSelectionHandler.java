package dev.lintel.proxy.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import javax.net.ssl.SSLHandshakeException;

/**
 * First handler of an HTTPS connection: reads the ClientHello's SNI, picks the certificate from the
 * port's {@link SniListener}, records the choice for the request handler and replaces itself with
 * an {@link SslHandler} of that certificate. Netty's {@code SniHandler} only hands over a context;
 * the request handler also needs to know which Gateway listener the SNI chose.
 */
public final class SniSelectionHandler extends AbstractSniHandler<SniSelection> {
  private final SniListener listener;
  private final TlsConnection connection;

  public SniSelectionHandler(SniListener listener, TlsConnection connection) {
    this.listener = listener;
    this.connection = connection;
  }

  @Override
  protected Future<SniSelection> lookup(ChannelHandlerContext ctx, String hostname) {
    SniSelection selection = listener.select(hostname);
    return selection == null
        ? ctx.executor()
            .newFailedFuture(new SSLHandshakeException("no certificate can answer this SNI"))
        : ctx.executor().newSucceededFuture(selection);
  }

  @Override
  protected void onLookupComplete(
      ChannelHandlerContext ctx, String hostname, Future<SniSelection> future) {
    if (!future.isSuccess()) {
      ctx.close();
      return;
    }
    SniSelection selection = future.getNow();
    connection.selected(selection);
    SslHandler tls = selection.context().newHandler(ctx.alloc());
    ctx.pipeline().replace(this, "tls", tls);
  }
}
