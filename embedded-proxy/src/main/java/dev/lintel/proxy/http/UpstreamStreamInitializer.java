package dev.lintel.proxy.http;

import dev.lintel.proxy.h2.ClientStreamHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/**
 * Pipeline of a stream to an h2c backend: the stream bridge, then the same backend handler that
 * parses HTTP/1.1 responses, so that an exchange drives a stream as it drives a connection.
 */
@ChannelHandler.Sharable
public final class UpstreamStreamInitializer extends ChannelInitializer<Channel> {
  @Override
  protected void initChannel(Channel stream) {
    stream
        .pipeline()
        .addLast("h2-stream", new ClientStreamHandler())
        .addLast("proxy", new ProxyBackendHandler());
  }
}
