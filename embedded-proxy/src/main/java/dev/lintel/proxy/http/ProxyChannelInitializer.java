package dev.lintel.proxy.http;

import dev.lintel.proxy.tls.SniListener;
import dev.lintel.proxy.tls.SniSelectionHandler;
import dev.lintel.proxy.tls.TlsConnection;
import dev.lintel.proxy.tls.TlsTables;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.function.Supplier;

/**
 * Pipeline of an accepted client connection on one listener: the frontend handler, which parses
 * HTTP/1.x itself (see {@link dev.lintel.proxy.h1}), behind TLS on an HTTPS port. HTTP/2 replaces
 * it when the connection turns out to speak it: by ALPN on HTTPS ({@link AlpnHandler}), by its
 * first bytes in clear text ({@link CleartextHttp2Detector}). Whether the port is HTTPS is read
 * from the TLS tables for each connection, so a listener that changes protocol needs no new socket.
 */
public final class ProxyChannelInitializer extends ChannelInitializer<Channel> {
  private final ProxyContext proxy;
  private final int configPort;
  private final Supplier<TlsTables> tls;

  /** A clear-text listener. */
  public ProxyChannelInitializer(ProxyContext proxy, int configPort) {
    this(proxy, configPort, TlsTables::empty);
  }

  public ProxyChannelInitializer(ProxyContext proxy, int configPort, Supplier<TlsTables> tls) {
    this.proxy = proxy;
    this.configPort = configPort;
    this.tls = tls;
  }

  @Override
  protected void initChannel(Channel channel) {
    SniListener sni = tls.get().listener(configPort);
    TlsConnection connection = null;
    if (sni != null) {
      connection = new TlsConnection();
      channel.pipeline().addLast("sni", new SniSelectionHandler(sni, connection));
      channel.pipeline().addLast("alpn", new AlpnHandler(proxy, configPort, connection));
    } else {
      channel.pipeline().addLast("h2c", new CleartextHttp2Detector(proxy, configPort));
    }
    channel.pipeline().addLast("proxy", new ProxyFrontendHandler(proxy, configPort, connection));
  }
}
