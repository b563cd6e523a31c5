package dev.lintel.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/** Pipeline of a new upstream connection: the backend handler alone, which parses responses. */
@ChannelHandler.Sharable
public final class UpstreamChannelInitializer extends ChannelInitializer<Channel> {
  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast("proxy", new ProxyBackendHandler());
  }
}
