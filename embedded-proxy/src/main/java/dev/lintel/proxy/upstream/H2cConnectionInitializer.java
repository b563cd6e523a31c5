package dev.lintel.proxy.upstream;

import dev.lintel.proxy.h2.Http2Pipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/** Pipeline of a new connection to an h2c endpoint: HTTP/2 with prior knowledge. */
@ChannelHandler.Sharable
final class H2cConnectionInitializer extends ChannelInitializer<Channel> {
  static final H2cConnectionInitializer INSTANCE = new H2cConnectionInitializer();

  @Override
  protected void initChannel(Channel channel) {
    Http2Pipelines.addClient(channel.pipeline());
  }
}
