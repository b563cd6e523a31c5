package dev.lintel.proxy.http;

import dev.lintel.proxy.h2.ServerStreamHandler;
import dev.lintel.proxy.tls.TlsConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/**
 * Pipeline of one stream of a client's HTTP/2 connection: the stream bridge, then the same HTTP/1.1
 * frontend handler that serves HTTP/1 connections, which sees the stream as a connection carrying
 * one request (its address, TLS state and scheme are the connection's). The stream reads only when
 * that handler asks, as HTTP/1 connections do, so HTTP/2 flow control holds a client back while its
 * upstream is slow.
 */
@ChannelHandler.Sharable
final class Http2StreamInitializer extends ChannelInitializer<Channel> {
  private final ProxyContext proxy;
  private final int configPort;
  private final TlsConnection tls;

  /**
   * @param tls the connection's TLS state, or null in clear text
   */
  Http2StreamInitializer(ProxyContext proxy, int configPort, TlsConnection tls) {
    this.proxy = proxy;
    this.configPort = configPort;
    this.tls = tls;
  }

  @Override
  protected void initChannel(Channel stream) {
    stream.config().setAutoRead(false);
    stream
        .pipeline()
        .addLast("h2-stream", new ServerStreamHandler())
        .addLast("proxy", new ProxyFrontendHandler(proxy, configPort, tls));
  }
}
