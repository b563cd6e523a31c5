package dev.lintel.proxy.http;

import dev.lintel.proxy.config.Redirect;
import dev.lintel.proxy.config.Rewrite;
import dev.lintel.proxy.h1.BodyDecoder;
import dev.lintel.proxy.h1.HeadBuffer;
import dev.lintel.proxy.h1.HeadScanner;
import dev.lintel.proxy.h1.HeadWriter;
import dev.lintel.proxy.h1.HeaderEdits;
import dev.lintel.proxy.h1.HttpParseException;
import dev.lintel.proxy.h1.RequestHead;
import dev.lintel.proxy.h1.Scheme;
import dev.lintel.proxy.routing.CompiledBackend;
import dev.lintel.proxy.routing.CompiledDirectResponse;
import dev.lintel.proxy.routing.CompiledMirror;
import dev.lintel.proxy.routing.CompiledRoute;
import dev.lintel.proxy.routing.CorsPolicy;
import dev.lintel.proxy.routing.ListenerRoutes;
import dev.lintel.proxy.routing.PathRewriter;
import dev.lintel.proxy.routing.SessionAffinity;
import dev.lintel.proxy.tls.TlsConnection;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The client side of the proxy, one instance per client connection. It parses HTTP/1.x itself and
 * handles one request at a time: the next request head is parsed only when the current response has
 * been written and the current request body consumed, which makes pipelined requests safe (their
 * responses cannot overtake each other). Received bytes not yet due stay in a buffer, and the
 * socket is read only when the handler needs more bytes.
 */
public final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter {
  private final ProxyContext proxy;
  private final int configPort;

  /** The TLS state of an HTTPS connection; null in clear text. */
  private final TlsConnection tls;

  private final HeadScanner heads =
      new HeadScanner(HttpLimits.MAX_REQUEST_LINE, HttpLimits.MAX_REQUEST_FIELDS, 414);
  private final HeadBuffer headBuffer = new HeadBuffer();
  private final RoutingRequest routingRequest = new RoutingRequest();

  private ChannelHandlerContext ctx;

  /** Received bytes not consumed yet, or null. */
  private ByteBuf received;

  /** The handler is ready for the next unit of input: a request head, or a body piece. */
  private boolean wantInput;

  private boolean processing;
  private boolean closed;
  private String clientIp = "unknown";
  private ProxyExchange exchange;

  /** The request head was read but not yet all of its body. */
  private boolean requestInProgress;

  private BodyDecoder requestBody;

  /** Copies of the current request that receive its body too (null: none). */
  private MirrorExchange[] mirrors;

  /** The response to the current request has not been completely written. */
  private boolean responseInProgress;

  private boolean keepAlive;
  private boolean http10;

  /** The current request is a gRPC call: answers the proxy writes itself carry a gRPC status. */
  private boolean grpc;

  /**
   * @param proxy shared state of the server
   * @param configPort the listener port as written in the config (not the bound port), the key of
   *     this connection's routing table
   */
  public ProxyFrontendHandler(ProxyContext proxy, int configPort) {
    this(proxy, configPort, null);
  }

  /**
   * @param tls the TLS state of an HTTPS connection, or null for clear text
   */
  public ProxyFrontendHandler(ProxyContext proxy, int configPort, TlsConnection tls) {
    this.proxy = proxy;
    this.configPort = configPort;
    this.tls = tls;
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
    resume();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    proxy.metrics().connectionClosed();
    if (received != null) {
      received.release();
      received = null;
    }
    if (exchange != null) {
      exchange.clientClosed();
      exchange = null;
    }
    ctx.fireChannelInactive();
  }

  /**
   * Taken out of an open connection that turned out to speak HTTP/2 (see {@link
   * ProxyChannelInitializer}): the connection stays counted until it closes.
   */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (!closed) {
      closed = true;
      ctx.channel().closeFuture().addListener(f -> proxy.metrics().connectionClosed());
      if (received != null) {
        received.release();
        received = null;
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are routine for a proxy: close quietly, never log per connection.
    ctx.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closed || !(msg instanceof ByteBuf bytes)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    received =
        received == null
            ? bytes
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), received, bytes);
    process();
  }

  /** Ready for the next unit of input: take it from what was received, or read the socket. */
  private void resume() {
    wantInput = true;
    process();
  }

  private void process() {
    if (processing) {
      return; // called back re-entrantly: the loop below goes on
    }
    processing = true;
    try {
      while (wantInput && !closed) {
        if (!(requestInProgress ? takeBodyPiece() : takeHead())) {
          break;
        }
      }
    } finally {
      processing = false;
    }
  }

  /** Parses and dispatches the next request head; false when more bytes are needed. */
  private boolean takeHead() {
    int length;
    RequestHead request;
    try {
      length = received == null ? -1 : heads.scan(skipBlankLines(received));
      if (length < 0) {
        needMoreInput();
        return false;
      }
      request = headBuffer.parseRequest(received, length);
      releaseIfConsumed();
    } catch (HttpParseException e) {
      rejectRequest(e.status());
      return false;
    }
    wantInput = false;
    if (received == null) {
      readAhead();
    }
    onRequestHead(request);
    return true;
  }

  /**
   * Keeps a socket read pending while the request is served, although its bytes are not wanted yet:
   * with epoll and auto-read off, a channel left without a pending read has its interest cleared
   * and set again, two {@code epoll_ctl} calls per request. What arrives meanwhile (the next
   * pipelined request, or a close) waits in {@link #received}; only one read is taken ahead, so a
   * client cannot make the proxy buffer more than that.
   */
  private void readAhead() {
    ctx.read();
  }

  /** Hands the next piece of the request body on; false when more bytes are needed. */
  private boolean takeBodyPiece() {
    ByteBuf piece;
    try {
      piece = received == null ? null : requestBody.next(received);
    } catch (HttpParseException e) {
      // A broken body (bad chunk framing) leaves nothing to resynchronise on.
      ctx.close();
      return false;
    }
    if (piece == null) {
      needMoreInput();
      return false;
    }
    releaseIfConsumed();
    boolean last = requestBody.isDone();
    wantInput = false;
    if (mirrors != null) {
      for (MirrorExchange mirror : mirrors) {
        mirror.forward(piece.retainedDuplicate(), last, requestBody.trailers());
      }
      if (last) {
        mirrors = null;
      }
    }
    if (exchange != null && exchange.acceptsRequestBody()) {
      exchange.forwardRequestContent(piece, last, requestBody.trailers());
    } else {
      piece.release();
      requestContentDone(last);
    }
    return true;
  }

  /** RFC 9112 section 2.2: empty lines before a request line are ignored. */
  private static ByteBuf skipBlankLines(ByteBuf in) {
    while (in.readableBytes() >= 2
        && in.getByte(in.readerIndex()) == '\r'
        && in.getByte(in.readerIndex() + 1) == '\n') {
      in.skipBytes(2);
    }
    return in;
  }

  private void needMoreInput() {
    releaseIfConsumed();
    ctx.read();
  }

  private void releaseIfConsumed() {
    if (received != null && !received.isReadable()) {
      received.release();
      received = null;
    }
  }

  /** A request that cannot be parsed: answer and close, nothing after it can be trusted. */
  private void rejectRequest(int status) {
    wantInput = false;
    grpc = false;
    keepAlive = false;
    requestInProgress = false;
    responseInProgress = true;
    respond(status);
  }

  private void onRequestHead(RequestHead request) {
    requestInProgress = request.hasBody();
    // A request without a length or chunking has no body (it never runs until close).
    requestBody =
        request.hasBody()
            ? BodyDecoder.forFraming(
                request.isChunked(), request.contentLength(), HttpLimits.MAX_TRAILERS)
            : null;
    responseInProgress = true;
    http10 = request.isHttp10();
    keepAlive = request.isKeepAlive();
    grpc = GrpcStatuses.isGrpc(request.headers());
    boolean expecting = request.expect() == RequestHead.EXPECT_CONTINUE && request.hasBody();
    if (request.expect() == RequestHead.EXPECT_OTHER) {
      respondLocally(417, true);
      return;
    }

    if (tls != null) {
      int misdirected = tls.misdirectedStatus(request.host());
      if (misdirected != 0) {
        respondLocally(misdirected, expecting);
        return;
      }
    }
    ListenerRoutes routes = proxy.routing().get().listener(configPort);
    CompiledRoute route =
        routes == null ? null : routes.find(request.host(), routingRequest.of(request));
    if (route == null) {
      respondLocally(404, expecting);
      return;
    }
    CorsPolicy cors = route.cors();
    if (cors != null && CorsPolicy.isPreflight(routingRequest)) {
      respondPreflight(cors, expecting);
      return;
    }
    if (route.redirect() != null) {
      respondRedirect(route.redirect(), route, request, expecting);
      return;
    }
    if (route.directResponse() != null) {
      respondDirectly(route.directResponse(), request.isHead(), expecting);
      return;
    }
    SessionAffinity session = route.session();
    SessionAffinity.Sticky sticky = session == null ? null : session.find(routingRequest);
    CompiledBackend backend = sticky != null ? sticky.backend() : route.backends().pick();
    if (backend == null || backend.isRejected()) {
      respondLocally(500, expecting);
      return;
    }
    UpstreamAddress target = sticky != null ? sticky.endpoint() : backend.nextEndpoint();
    if (target == null) {
      respondLocally(503, expecting);
      return;
    }
    if (expecting) {
      // The proxy answers the expectation itself rather than relaying upstream interim responses.
      ctx.writeAndFlush(LocalResponses.CONTINUE.duplicate(), ctx.voidPromise());
    }
    Rewrite rewrite = route.rewrite();
    String newTarget = null;
    String newHost = null;
    if (rewrite != null) {
      newHost = rewrite.hostname();
      if (rewrite.path() != null) {
        newTarget = PathRewriter.target(request.target(), rewrite.path(), route.path());
      }
    }
    exchange =
        new ProxyExchange(
            this,
            proxy,
            ctx.channel().eventLoop(),
            request,
            target,
            clientIp,
            backend,
            newTarget,
            newHost,
            route.timeouts(),
            route.retry());
    if (route.mirrors().length > 0) {
      startMirrors(route.mirrors(), request, newTarget, newHost);
    }
    if (cors != null) {
      exchange.addResponseEdits(cors.responseEdits(cors.allowedOrigin(routingRequest)));
    }
    if (session != null && sticky == null) {
      HeaderEdits issue = session.issue(backend, target);
      if (issue != null) {
        exchange.addResponseEdits(issue);
      }
    }
    exchange.start();
  }

  /**
   * Sends copies of the request to the route's mirrors that draw it. Their heads are written now:
   * the request head's buffer is reused by the next request.
   */
  private void startMirrors(
      CompiledMirror[] targets, RequestHead request, String newTarget, String newHost) {
    MirrorExchange[] started = new MirrorExchange[targets.length];
    int count = 0;
    for (CompiledMirror mirror : targets) {
      CompiledBackend backend = mirror.backend();
      if (!mirror.sampled() || backend.isRejected()) {
        continue;
      }
      UpstreamAddress address = backend.nextEndpoint();
      if (address == null) {
        continue;
      }
      ByteBuf head =
          HeadWriter.request(
              ctx.alloc(),
              request,
              clientIp,
              address.toString(),
              backend.requestEdits(),
              newTarget,
              newHost,
              scheme(),
              address.isH2c());
      MirrorExchange copy =
          new MirrorExchange(
              proxy,
              ctx.channel().eventLoop(),
              address,
              head,
              request.hasBody(),
              request.isChunked(),
              request.isHead());
      copy.start();
      started[count++] = copy;
    }
    mirrors = request.hasBody() && count > 0 ? java.util.Arrays.copyOf(started, count) : null;
  }

  /** Answers a redirect: the new location from the request and the route's redirect filter. */
  private void respondRedirect(
      Redirect redirect, CompiledRoute route, RequestHead request, boolean expecting) {
    if (expecting) {
      keepAlive = false;
    }
    String host = redirect.hostname() != null ? redirect.hostname() : hostWithoutPort(request);
    String target =
        redirect.path() != null
            ? PathRewriter.target(request.target(), redirect.path(), route.path())
            : request.target();
    String location =
        (redirect.scheme() != null ? redirect.scheme() : scheme().value())
            + "://"
            + host
            + (redirect.port() != null ? ":" + redirect.port() : "")
            + target;
    proxy.metrics().response(redirect.statusCode());
    ctx.writeAndFlush(LocalResponses.redirect(redirect.statusCode(), location, keepAlive, http10))
        .addListener(f -> responseComplete());
    if (keepAlive && requestInProgress) {
      resume();
    }
  }

  /** Answers with the route's fixed response (its {@code DirectResponse} filter). */
  private void respondDirectly(CompiledDirectResponse response, boolean head, boolean expecting) {
    if (expecting) {
      keepAlive = false;
    }
    proxy.metrics().response(response.status());
    ctx.writeAndFlush(LocalResponses.direct(response, head, keepAlive, http10))
        .addListener(f -> responseComplete());
    if (keepAlive && requestInProgress) {
      resume();
    }
  }

  /**
   * Answers a CORS preflight for the route (the Fetch standard's CORS protocol): 200 with the
   * {@code Access-Control-*} fields for an allowed origin, 403 without them for any other (the
   * Gateway API leaves 403 or an OK status without the fields to the implementation; 403 shows in
   * metrics and logs). Never proxied: the route's policy is the answer.
   */
  private void respondPreflight(CorsPolicy cors, boolean expecting) {
    String origin = cors.allowedOrigin(routingRequest);
    if (origin == null) {
      respondLocally(403, expecting);
      return;
    }
    if (expecting) {
      keepAlive = false;
    }
    String fields = cors.preflightFields(origin, routingRequest);
    proxy.metrics().response(200);
    ctx.writeAndFlush(LocalResponses.preflight(fields, keepAlive, http10))
        .addListener(f -> responseComplete());
    if (keepAlive && requestInProgress) {
      resume();
    }
  }

  /** The request's Host without a port; an HTTP/1.0 request without one gets the proxy's name. */
  private static String hostWithoutPort(RequestHead request) {
    String host = request.host();
    if (host == null || host.isEmpty()) {
      return "localhost";
    }
    if (host.charAt(0) == '[') {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /**
   * Answers without an upstream, then reads and discards the request body so that the connection
   * can carry the next request. A client still waiting for {@code 100 Continue} may or may not send
   * its body, so that connection cannot be reused.
   */
  private void respondLocally(int status, boolean expecting) {
    if (expecting) {
      keepAlive = false;
    }
    respond(status);
    if (keepAlive && requestInProgress) {
      resume();
    }
  }

  private void respond(int status) {
    proxy.metrics().response(grpc ? 200 : status);
    ByteBuf response =
        grpc
            ? LocalResponses.grpc(status, keepAlive, http10)
            : LocalResponses.create(status, keepAlive, http10);
    ctx.writeAndFlush(response).addListener(f -> responseComplete());
  }

  private void readNextRequestIfIdle() {
    if (!requestInProgress && !responseInProgress) {
      resume();
    }
  }

  // ---- called by ProxyExchange, always on this channel's event loop ----

  /** The scheme the client used: what the upstream is told and what a redirect keeps. */
  Scheme scheme() {
    return tls == null ? Scheme.HTTP : Scheme.HTTPS;
  }

  Channel channel() {
    return ctx.channel();
  }

  /** The request head went upstream (or failed to): time to read the body, if there is one. */
  void requestHeadSent() {
    if (requestInProgress) {
      resume();
    }
  }

  /** A piece of the request body went upstream (or was discarded). */
  void requestContentDone(boolean last) {
    if (last) {
      requestInProgress = false;
      requestBody = null;
      readNextRequestIfIdle();
    } else {
      resume();
    }
  }

  void countResponse(int status) {
    proxy.metrics().response(status);
  }

  /**
   * The request became a WebSocket tunnel: this handler leaves the pipeline (the tunnel takes over
   * the connection and its count) and hands over what the client already sent beyond the request.
   */
  ByteBuf upgraded() {
    exchange = null;
    closed = true;
    ByteBuf leftover = received;
    received = null;
    ctx.pipeline().remove(this);
    return leftover;
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
  void upstreamFailed(int status) {
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
