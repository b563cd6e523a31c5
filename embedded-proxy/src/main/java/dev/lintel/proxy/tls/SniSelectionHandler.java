package dev.lintel.proxy.tls;

import dev.lintel.proxy.relay.RelayedClient;
import dev.lintel.proxy.relay.TcpRelay;
import dev.lintel.proxy.routing.CompiledBackend;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * First handler of an HTTPS connection: reads the ClientHello's SNI, picks the certificate from the
 * port's {@link SniListener}, records the choice for the request handler and replaces itself with
 * an {@link SslHandler} of that certificate. Netty's {@code SniHandler} only hands over a context;
 * the request handler also needs to know which Gateway listener the SNI chose.
 *
 * <p>When the SNI chose a TLSRoute, the connection becomes a relay to one of its backends instead:
 * the ClientHello and everything after it go to the backend unchanged (passthrough), or through an
 * {@link SslHandler} of the TLS listener's certificate (terminate). Behind a terminating listener,
 * a backend governed by a BackendTLSPolicy gets the plain bytes inside TLS of its own; a
 * passthrough listener never originates TLS (the operator gives its backends none).
 */
public final class SniSelectionHandler extends AbstractSniHandler<SniSelection> {
  private final SniListener listener;
  private final TlsConnection connection;

  /** Enough for any real ClientHello, post-quantum key shares included; larger ones are refused. */
  static final int MAX_CLIENT_HELLO_LENGTH = 64 * 1024;

  /** A client that has not sent its ClientHello by then is closed. */
  static final long CLIENT_HELLO_TIMEOUT_MILLIS = 10_000;

  private final Duration relayIdleTimeout;

  public SniSelectionHandler(SniListener listener, TlsConnection connection) {
    this(listener, connection, TcpRelay.IDLE_TIMEOUT);
  }

  /**
   * @param relayIdleTimeout how long a TLSRoute relay may move no byte before it is closed
   */
  public SniSelectionHandler(
      SniListener listener, TlsConnection connection, Duration relayIdleTimeout) {
    super(MAX_CLIENT_HELLO_LENGTH, CLIENT_HELLO_TIMEOUT_MILLIS);
    this.relayIdleTimeout = relayIdleTimeout;
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
    if (selection.route() != null) {
      relay(ctx, selection);
      return;
    }
    connection.selected(selection);
    SslHandler tls = selection.context().newHandler(ctx.alloc());
    ctx.pipeline().replace(this, "tls", tls);
  }

  /**
   * Hands the connection to a relay to the backend the route picks; a pick that cannot be served
   * (no backend with weight, an invalid one, no endpoint, TLS to it without trusted material)
   * closes it, as the spec asks of a TLSRoute whose backend is not usable.
   */
  private void relay(ChannelHandlerContext ctx, SniSelection selection) {
    CompiledBackend backend = selection.route().backends().pick();
    UpstreamAddress endpoint =
        backend == null || backend.isRejected() ? null : backend.nextEndpoint();
    if (endpoint == null) {
      ctx.close();
      return;
    }
    SslContext backendTls = null;
    if (endpoint.tls() != null) {
      backendTls = selection.route().backendContext(endpoint.tls());
      if (backendTls == null) {
        ctx.close();
        return;
      }
    }
    Channel client = ctx.channel();
    if (selection.context() == null) {
      TcpRelay.start(client, ctx.name(), endpoint, backendTls, RelayedClient.RAW, relayIdleTimeout);
      // The buffered ClientHello goes on to the relay, which sends it first.
      ctx.pipeline().remove(this);
    } else {
      ctx.pipeline().replace(this, "tls", selection.context().newHandler(ctx.alloc()));
      TcpRelay.start(client, "tls", endpoint, backendTls, RelayedClient.TLS, relayIdleTimeout);
    }
  }
}
