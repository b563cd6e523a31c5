package dev.lintel.proxy.echo;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * The echo server's WebSocket side: a handshake on any path, then every text message is sent back
 * as {@code <server name>: <text>} (so a test sees which backend answered), every binary message
 * unchanged (so a test sees the bytes arrive intact both ways), pings are answered and a close is
 * returned.
 */
final class EchoWebSocket {
  private final String name;
  private final WebSocketServerHandshaker handshaker;

  private EchoWebSocket(String name, WebSocketServerHandshaker handshaker) {
    this.name = name;
    this.handshaker = handshaker;
  }

  static boolean isUpgrade(HttpRequest request) {
    return "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
  }

  /** Answers the handshake; null when it is not a valid one (an error response was sent). */
  static EchoWebSocket accept(ChannelHandlerContext ctx, HttpRequest head, String name) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri());
    request.headers().set(head.headers());
    String location = "ws://" + head.headers().get(HttpHeaderNames.HOST, "localhost") + head.uri();
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(location, null, false).newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      request.release();
      return null;
    }
    handshaker.handshake(ctx.channel(), request).addListener(f -> request.release());
    // Clients split large messages into continuation frames: answer whole messages.
    ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(1 << 20));
    return new EchoWebSocket(name, handshaker);
  }

  void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame text) {
      ctx.writeAndFlush(new TextWebSocketFrame(name + ": " + text.text()));
    } else if (frame instanceof BinaryWebSocketFrame binary) {
      ctx.writeAndFlush(new BinaryWebSocketFrame(binary.content().retain()));
    } else if (frame instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame close) {
      handshaker.close(ctx.channel(), close.retain());
    }
  }
}
