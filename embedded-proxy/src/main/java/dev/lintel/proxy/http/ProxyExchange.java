package dev.lintel.proxy.http;

import dev.lintel.proxy.config.Retry;
import dev.lintel.proxy.config.Timeouts;
import dev.lintel.proxy.h1.BodyDecoder;
import dev.lintel.proxy.h1.BodyEncoder;
import dev.lintel.proxy.h1.HeadWriter;
import dev.lintel.proxy.h1.HeaderEdits;
import dev.lintel.proxy.h1.RequestHead;
import dev.lintel.proxy.h1.ResponseHead;
import dev.lintel.proxy.metrics.UpstreamError;
import dev.lintel.proxy.routing.CompiledBackend;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One request on its way through the proxy: acquires an upstream connection, streams the request to
 * it and the response back, and decides at the end whether the upstream connection can go back to
 * the pool. Client and upstream channel share one event loop, so this state needs no locking.
 *
 * <p>Failure rules: no connection is 502; the upstream closing or sending garbage before the
 * response head is 502, after it the client connection is closed (a response cannot be retracted);
 * no response head within the timeout after the request was sent is 504.
 */
final class ProxyExchange implements UpstreamExchange, ChannelFutureListener {
  private final ProxyFrontendHandler client;
  private final Channel clientChannel;
  private final ProxyContext proxy;
  private final EventLoop loop;
  private final RequestHead request;
  private UpstreamAddress target;
  private final String clientIp;
  private final CompiledBackend routeBackend;
  private final String newTarget;
  private final String newHost;

  /**
   * Nanos after which the route's backend request timeout ends an attempt, or 0 for the default.
   */
  private final long backendTimeoutNanos;

  /** When the route's request timeout expires (System.nanoTime), or 0 for none. */
  private final long requestDeadlineNanos;

  private Channel upstream;
  private ProxyBackendHandler backend;
  private final ResponseDeadlines deadlines;

  /** The backend's response header changes, plus any that depend on the request (CORS). */
  private HeaderEdits responseEdits;

  // Links of the intrusive deadline list, owned by ResponseDeadlines.
  long deadlineNanos;
  ProxyExchange deadlinePrevious;
  ProxyExchange deadlineNext;
  boolean deadlineListed;
  private ChannelFuture lastClientWrite;

  /** Completed, failed or abandoned: every later event is ignored. */
  private boolean finished;

  private boolean requestSent;

  /** When to send the request again, or null; how many more times; what has gone upstream. */
  private final Retry retry;

  private int retriesLeft;
  private boolean headSent;
  private boolean responseStarted;
  private boolean responseReceived;
  private boolean upstreamKeepAlive;

  /** The response body goes to the client as chunks. */
  private boolean chunkedToClient;

  ProxyExchange(
      ProxyFrontendHandler client,
      ProxyContext proxy,
      EventLoop loop,
      RequestHead request,
      UpstreamAddress target,
      String clientIp,
      CompiledBackend routeBackend,
      String newTarget,
      String newHost,
      Timeouts timeouts,
      Retry retry) {
    this.client = client;
    this.clientChannel = client.channel();
    this.proxy = proxy;
    this.loop = loop;
    this.request = request;
    this.target = target;
    this.clientIp = clientIp;
    this.routeBackend = routeBackend;
    this.newTarget = newTarget;
    this.newHost = newHost;
    Integer backendMillis = timeouts.backendRequestMillis();
    this.backendTimeoutNanos = backendMillis == null ? 0 : backendMillis * 1_000_000L;
    Integer requestMillis = timeouts.requestMillis();
    this.requestDeadlineNanos =
        requestMillis == null ? 0 : System.nanoTime() + requestMillis * 1_000_000L;
    this.deadlines = proxy.deadlines().of(loop);
    this.responseEdits = routeBackend.responseEdits();
    this.retry = retry;
    this.retriesLeft = retry == null ? 0 : retry.attempts();
  }

  /** Applies {@code later} to the response after the route's and backend's header filters. */
  void addResponseEdits(HeaderEdits later) {
    responseEdits = responseEdits.followedBy(later);
  }

  void start() {
    Channel idle = proxy.pool().pollIdle(target);
    if (idle != null) {
      onAcquired(idle);
      return;
    }
    Future<Channel> connected = proxy.pool().connect(loop, target);
    connected.addListener(f -> onConnected(connected));
  }

  private void onConnected(Future<Channel> connected) {
    if (finished) {
      // The client left while we were connecting.
      if (connected.isSuccess()) {
        connected.getNow().close();
      }
      return;
    }
    if (!connected.isSuccess()) {
      if (retryable()) {
        proxy.metrics().upstreamError(UpstreamError.CONNECT);
        retryLater();
        return;
      }
      fail(UpstreamError.CONNECT);
      client.requestHeadSent();
      return;
    }
    onAcquired(connected.getNow());
  }

  private void onAcquired(Channel channel) {
    headSent = true;
    upstream = channel;
    backend = upstream.pipeline().get(ProxyBackendHandler.class);
    backend.attach(this);
    ByteBuf head =
        HeadWriter.request(
            upstream.alloc(),
            request,
            clientIp,
            target.toString(),
            routeBackend.requestEdits(),
            newTarget,
            newHost,
            client.scheme(),
            target.isH2c());
    // A failed write surfaces as exceptionCaught, which closes the upstream connection and so
    // reaches onUpstreamClosed: no promise and listener needed per request.
    upstream.writeAndFlush(head, upstream.voidPromise());
    if (request.hasBody()) {
      client.requestHeadSent();
    } else {
      onRequestSent();
    }
    upstream.read();
  }

  boolean acceptsRequestBody() {
    return !finished && upstream != null;
  }

  void forwardRequestContent(ByteBuf piece, boolean last, byte[] trailers) {
    ChannelFuture written = BodyEncoder.write(upstream, piece, last, request.isChunked(), trailers);
    upstream.flush();
    written.addListener(
        f -> {
          if (f.isSuccess()) {
            if (last) {
              onRequestSent();
            }
          } else {
            onUpstreamClosed();
          }
          client.requestContentDone(last);
        });
  }

  /**
   * The upstream's response timeout starts once the whole request is upstream: a slow upload is not
   * the upstream's fault. A route's request timeout counts from the request's arrival and may end
   * it sooner.
   */
  private void onRequestSent() {
    requestSent = true;
    if (!finished && !responseStarted) {
      long now = System.nanoTime();
      long deadline =
          now + (backendTimeoutNanos > 0 ? backendTimeoutNanos : deadlines.defaultTimeoutNanos());
      if (requestDeadlineNanos != 0 && requestDeadlineNanos - deadline < 0) {
        deadline = requestDeadlineNanos;
      }
      deadlines.add(this, deadline);
    }
  }

  // ---- upstream events, from ProxyBackendHandler ----

  /**
   * A final (non-1xx) response head: writes it to the client, and returns how to read the body, or
   * null when there is none (then the exchange is complete once the head is written).
   */
  @Override
  public BodyDecoder onResponseHead(ResponseHead response) {
    if (finished) {
      return null;
    }
    if (retry != null && retry.codes().contains(response.status()) && retryable()) {
      retryLater(); // this response is dropped with its connection, unread
      return null;
    }
    cancelTimeout();
    responseStarted = true;
    upstreamKeepAlive = response.isKeepAlive();
    int status = response.status();
    boolean bodyless = request.isHead() || status == 204 || status == 304;
    BodyDecoder body = null;
    if (!bodyless) {
      body =
          BodyDecoder.forFraming(
              response.isChunked(), response.contentLength(), HttpLimits.MAX_TRAILERS);
      if (response.contentLength() < 0) {
        // Re-frame: chunked for HTTP/1.1 clients, end-of-connection for HTTP/1.0 ones.
        if (client.isHttp10()) {
          client.disableKeepAlive();
        } else {
          chunkedToClient = true;
        }
      }
    }
    client.countResponse(status);
    ByteBuf head =
        HeadWriter.response(
            clientChannel.alloc(),
            response,
            chunkedToClient,
            client.isKeepAlive(),
            client.isHttp10(),
            responseEdits);
    if (body == null) {
      responseReceived = true;
      clientChannel.writeAndFlush(head).addListener(this);
    } else {
      lastClientWrite = clientChannel.write(head);
    }
    return body;
  }

  /**
   * The upstream accepted the WebSocket handshake: the 101 goes to the client and both connections
   * become a byte tunnel. The upstream connection never returns to the pool.
   */
  @Override
  public boolean onSwitchingProtocols(ResponseHead response, ByteBuf rest) {
    if (finished || !request.isWebSocketUpgrade()) {
      return false;
    }
    finished = true;
    responseStarted = true;
    cancelTimeout();
    backend.detach();
    client.countResponse(101);
    clientChannel.writeAndFlush(
        HeadWriter.switchingProtocols(
            clientChannel.alloc(), response, routeBackend.responseEdits()),
        clientChannel.voidPromise());
    ByteBuf fromClient = client.upgraded();
    upstream.pipeline().remove(ProxyBackendHandler.class);
    TunnelHandler.join(
        clientChannel, fromClient, upstream, rest, proxy.metrics()::connectionClosed);
    return true;
  }

  /** A piece of the response body (a retained slice, now owned here). */
  @Override
  public void onResponseContent(ByteBuf piece, boolean last, byte[] trailers) {
    if (finished) {
      piece.release();
      return;
    }
    if (last) {
      responseReceived = true;
      BodyEncoder.write(clientChannel, piece, true, chunkedToClient, trailers).addListener(this);
      clientChannel.flush();
    } else {
      lastClientWrite =
          BodyEncoder.write(clientChannel, piece, false, chunkedToClient, BodyDecoder.NO_TRAILERS);
    }
  }

  /**
   * The last write of the response finished. The exchange is its own listener: a method reference
   * would be one more allocation per request.
   */
  @Override
  public void operationComplete(ChannelFuture f) {
    if (f.isSuccess()) {
      complete();
    } else {
      clientGone();
    }
  }

  /** The upstream sent something unparseable. */
  @Override
  public void onProtocolError() {
    if (!finished) {
      fail(UpstreamError.PROTOCOL);
    }
  }

  /**
   * The end of an upstream read batch: flush it to the client and read the next batch only once the
   * client has taken this one (read-after-write backpressure).
   */
  @Override
  public void onUpstreamReadComplete() {
    if (finished || responseReceived) {
      return;
    }
    ChannelFuture written = lastClientWrite;
    lastClientWrite = null;
    if (written == null) {
      upstream.read(); // a partial head, or an interim response: nothing to wait for
      return;
    }
    clientChannel.flush();
    written.addListener(
        f -> {
          if (!f.isSuccess()) {
            clientGone();
          } else if (!finished) {
            upstream.read();
          }
        });
  }

  @Override
  public void onUpstreamClosed() {
    if (!finished && !responseReceived) {
      if (!responseStarted && retryable()) {
        proxy.metrics().upstreamError(UpstreamError.RESET);
        retryLater();
        return;
      }
      fail(UpstreamError.RESET);
    }
  }

  // ---- retries ----

  /**
   * Whether the request can be sent again: retries left, nothing of a response relayed, and no body
   * gone upstream (bodies are streamed, not kept; a request with a body is retried only when its
   * connection failed before the head was sent, while the body still waits at the client).
   */
  private boolean retryable() {
    return retriesLeft > 0 && !finished && !responseStarted && (!request.hasBody() || !headSent);
  }

  private void retryLater() {
    retriesLeft--;
    cancelTimeout();
    requestSent = false;
    if (upstream != null) {
      backend.detach();
      upstream.close();
      upstream = null;
      backend = null;
    }
    Integer backoff = retry.backoffMillis();
    if (backoff != null && backoff > 0) {
      loop.schedule(this::retryNow, backoff, TimeUnit.MILLISECONDS);
    } else {
      loop.execute(this::retryNow); // not re-entrant: this may run inside the upstream's read
    }
  }

  /** The next attempt goes to the backend's next endpoint. */
  private void retryNow() {
    if (finished) {
      return;
    }
    if (requestDeadlineNanos != 0 && System.nanoTime() - requestDeadlineNanos >= 0) {
      // The deadline list checks periodically; a new attempt must not outrun the request timeout.
      fail(UpstreamError.TIMEOUT);
      return;
    }
    UpstreamAddress next = routeBackend.nextEndpoint();
    if (next == null) {
      fail(UpstreamError.CONNECT);
      client.requestHeadSent(); // lets a body still at the client be read and dropped
      return;
    }
    target = next;
    start();
  }

  // ---- endings ----

  /**
   * The attempt's time is up. A backend request timeout ends only this attempt when a retry is
   * allowed and the route's request timeout has not passed (each attempt has its own backendRequest
   * time, the request timeout bounds them all).
   */
  void onTimeout() {
    if (finished || responseStarted) {
      return;
    }
    long now = System.nanoTime();
    boolean requestTimeLeft = requestDeadlineNanos == 0 || requestDeadlineNanos - now > 0;
    if (requestTimeLeft && retryable()) {
      proxy.metrics().upstreamError(UpstreamError.TIMEOUT);
      retryLater();
      return;
    }
    fail(UpstreamError.TIMEOUT);
  }

  /** The last response byte was written to the client. */
  private void complete() {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimeout();
    backend.detach();
    // A connection is reusable only if both messages ended cleanly on it.
    if (requestSent && upstreamKeepAlive && upstream.isActive() && backend.isIdle()) {
      proxy.pool().release(target, upstream);
    } else {
      upstream.close();
    }
    client.responseComplete();
  }

  private void fail(UpstreamError error) {
    finished = true;
    cancelTimeout();
    proxy.metrics().upstreamError(error);
    closeUpstream();
    if (responseStarted) {
      client.abort();
    } else {
      client.upstreamFailed(error == UpstreamError.TIMEOUT ? 504 : 502);
    }
  }

  /** The client connection closed: the upstream connection is in an unknown state, drop it. */
  void clientClosed() {
    if (!finished) {
      finished = true;
      cancelTimeout();
      closeUpstream();
    }
  }

  private void clientGone() {
    clientClosed();
    client.abort();
  }

  private void closeUpstream() {
    if (upstream != null) {
      backend.detach();
      upstream.close();
    }
  }

  private void cancelTimeout() {
    deadlines.remove(this);
  }
}
