package dev.lintel.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;

/** Pipeline of a new upstream connection. */
@ChannelHandler.Sharable
public final class UpstreamChannelInitializer extends ChannelInitializer<Channel> {
  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast("http", new HttpClientCodec(HttpLimits.responses(), false, false))
        .addLast("proxy", new ProxyBackendHandler());
  }
}
