package dev.lintel.proxy.http;

import dev.lintel.proxy.routing.CompiledBackend;
import dev.lintel.proxy.routing.CompiledRoute;
import dev.lintel.proxy.routing.ListenerRoutes;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * The client side of the proxy, one instance per client connection. It handles one request at a
 * time: the next request is read only when the current response has been written and the current
 * request body has been consumed, which makes pipelined requests safe (their responses cannot
 * overtake each other).
 *
 * <p>One read from the socket can decode several HTTP objects (body pieces, pipelined requests);
 * they wait in a small queue and are handled one at a time, each when the previous one is done.
 * (Netty's {@code FlowControlHandler} does the same but loses track of reads requested from inside
 * {@code channelRead}, which is exactly when a write to a same-loop upstream completes.)
 */
public final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter {
  private final ProxyContext proxy;
  private final int configPort;

  private ChannelHandlerContext ctx;

  /** Decoded objects not yet handled; bounded by what one socket read decodes into. */
  private final ArrayDeque<Object> received = new ArrayDeque<>(4);

  /** The handler is ready for the next object. */
  private boolean wantMessage;

  private boolean dispatching;
  private String clientIp = "unknown";
  private ProxyExchange exchange;

  /** The request head was read but not yet its last content. */
  private boolean requestInProgress;

  /** The response to the current request has not been completely written. */
  private boolean responseInProgress;

  private boolean keepAlive;
  private boolean http10;

  /**
   * @param proxy shared state of the server
   * @param configPort the listener port as written in the config (not the bound port), the key of
   *     this connection's routing table
   */
  public ProxyFrontendHandler(ProxyContext proxy, int configPort) {
    this.proxy = proxy;
    this.configPort = configPort;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    proxy.metrics().connectionOpened();
    SocketAddress remote = ctx.channel().remoteAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      clientIp = inet.getAddress().getHostAddress();
    }
    readNext();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    proxy.metrics().connectionClosed();
    for (Object msg; (msg = received.poll()) != null; ) {
      ReferenceCountUtil.release(msg);
    }
    if (exchange != null) {
      exchange.clientClosed();
      exchange = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are routine for a proxy: close quietly, never log per connection.
    ctx.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    received.add(msg);
    dispatch();
  }

  /** Asks for the next decoded object: from the queue if one is waiting, else from the socket. */
  private void readNext() {
    wantMessage = true;
    if (received.isEmpty()) {
      ctx.read();
    } else {
      dispatch();
    }
  }

  private void dispatch() {
    if (dispatching) {
      return; // a handler called readNext() re-entrantly: the loop below picks the object up
    }
    dispatching = true;
    try {
      while (wantMessage && !received.isEmpty()) {
        wantMessage = false;
        handle(received.poll());
      }
    } finally {
      dispatching = false;
    }
  }

  private void handle(Object msg) {
    if (msg instanceof HttpRequest request) {
      onRequestHead(request);
    } else if (msg instanceof HttpContent content) {
      onRequestContent(content);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequestHead(HttpRequest request) {
    if (request.decoderResult().isFailure() || requestInProgress || responseInProgress) {
      ReferenceCountUtil.release(request);
      keepAlive = false;
      if (responseInProgress) {
        ctx.close();
      } else {
        requestInProgress = false;
        responseInProgress = true;
        respond(HttpResponseStatus.BAD_REQUEST);
      }
      return;
    }
    requestInProgress = true;
    responseInProgress = true;
    http10 = request.protocolVersion().minorVersion() == 0;
    keepAlive = HttpUtil.isKeepAlive(request);
    String expect = request.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null) {
      request.headers().remove(HttpHeaderNames.EXPECT);
      if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
        respondLocally(request, HttpResponseStatus.EXPECTATION_FAILED, true);
        return;
      }
    }

    ListenerRoutes routes = proxy.routing().get().listener(configPort);
    CompiledRoute route =
        routes == null
            ? null
            : routes.find(request.headers().get(HttpHeaderNames.HOST), request.uri());
    if (route == null) {
      respondLocally(request, HttpResponseStatus.NOT_FOUND, expect != null);
      return;
    }
    CompiledBackend backend = route.backends().pick();
    if (backend == null || backend.isRejected()) {
      respondLocally(request, HttpResponseStatus.INTERNAL_SERVER_ERROR, expect != null);
      return;
    }
    UpstreamAddress target = backend.nextEndpoint();
    if (target == null) {
      respondLocally(request, HttpResponseStatus.SERVICE_UNAVAILABLE, expect != null);
      return;
    }

    if (expect != null && !http10) {
      // The proxy answers the expectation itself rather than relaying upstream interim responses.
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    boolean head = HttpMethod.HEAD.equals(request.method());
    ForwardedHeaders.prepare(request, clientIp, target.toString());
    exchange = new ProxyExchange(this, proxy, ctx.channel().eventLoop(), request, target, head);
    exchange.start();
  }

  /**
   * Answers without an upstream, then reads and discards the request body so that the connection
   * can carry the next request. A client still waiting for {@code 100 Continue} may or may not send
   * its body, so that connection cannot be reused.
   */
  private void respondLocally(HttpRequest request, HttpResponseStatus status, boolean expecting) {
    ReferenceCountUtil.release(request);
    if (expecting) {
      keepAlive = false;
    }
    respond(status);
    if (keepAlive) {
      readNext();
    }
  }

  private void onRequestContent(HttpContent content) {
    if (!requestInProgress) {
      ReferenceCountUtil.release(content);
      return;
    }
    if (content.decoderResult().isFailure()) {
      // A broken body (bad chunk framing) leaves nothing to resynchronise on.
      ReferenceCountUtil.release(content);
      ctx.close();
      return;
    }
    boolean last = content instanceof LastHttpContent;
    if (exchange != null && exchange.acceptsRequestBody()) {
      exchange.forwardRequestContent(content, last);
    } else {
      ReferenceCountUtil.release(content);
      requestContentDone(last);
    }
  }

  private void respond(HttpResponseStatus status) {
    proxy.metrics().response(status.code());
    ctx.writeAndFlush(LocalResponses.create(status, keepAlive, http10))
        .addListener(f -> responseComplete());
  }

  private void readNextRequestIfIdle() {
    if (!requestInProgress && !responseInProgress) {
      readNext();
    }
  }

  // ---- called by ProxyExchange, always on this channel's event loop ----

  /** The request head went upstream (or failed to): time to read the body. */
  void requestHeadSent() {
    readNext();
  }

  /** A piece of the request body went upstream (or was discarded). */
  void requestContentDone(boolean last) {
    if (last) {
      requestInProgress = false;
      readNextRequestIfIdle();
    } else {
      readNext();
    }
  }

  ChannelFuture writeResponse(HttpObject msg) {
    return ctx.write(msg);
  }

  void flushResponse() {
    ctx.flush();
  }

  void countResponse(int status) {
    proxy.metrics().response(status);
  }

  /** The response has been written completely. */
  void responseComplete() {
    exchange = null;
    responseInProgress = false;
    if (!keepAlive) {
      ctx.close();
    } else {
      readNextRequestIfIdle();
    }
  }

  /** The upstream failed before sending a response head: answer it here. */
  void upstreamFailed(HttpResponseStatus status) {
    exchange = null;
    respond(status);
  }

  /** Part of a response has been sent and the rest cannot come: only closing tells the client. */
  void abort() {
    exchange = null;
    ctx.close();
  }

  boolean isKeepAlive() {
    return keepAlive;
  }

  boolean isHttp10() {
    return http10;
  }

  /** The response has no length and the client cannot take chunks: end it by closing. */
  void disableKeepAlive() {
    keepAlive = false;
  }
}
