package dev.lintel.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;

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
        // One decoded object per read(): lets the frontend pace the request body and hold back
        // pipelined requests.
        .addLast("flow", new FlowControlHandler())
        .addLast("proxy", new ProxyFrontendHandler(proxy, configPort));
  }
}
