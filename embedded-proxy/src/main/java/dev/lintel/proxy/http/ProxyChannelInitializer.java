package dev.lintel.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;

/** Pipeline of an accepted client connection on one listener. */
public final class ProxyChannelInitializer extends ChannelInitializer<Channel> {
  private final ProxyContext proxy;
  private final int configPort;

  public ProxyChannelInitializer(ProxyContext proxy, int configPort) {
    this.proxy = proxy;
    this.configPort = configPort;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("http", new HttpServerCodec(HttpLimits.requests()))
        .addLast("proxy", new ProxyFrontendHandler(proxy, configPort));
  }
}
