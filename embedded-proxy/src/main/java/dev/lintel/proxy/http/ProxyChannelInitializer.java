package dev.lintel.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * Pipeline of an accepted client connection on one listener: the frontend handler alone, which
 * parses HTTP/1.x itself (see {@link dev.lintel.proxy.h1}).
 */
public final class ProxyChannelInitializer extends ChannelInitializer<Channel> {
  private final ProxyContext proxy;
  private final int configPort;

  public ProxyChannelInitializer(ProxyContext proxy, int configPort) {
    this.proxy = proxy;
    this.configPort = configPort;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast("proxy", new ProxyFrontendHandler(proxy, configPort));
  }
}
