package dev.lintel.proxy.http;

import dev.lintel.proxy.metrics.UpstreamError;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * One request on its way through the proxy: acquires an upstream connection, streams the request to
 * it and the response back, and decides at the end whether the upstream connection can go back to
 * the pool. Client and upstream channel share one event loop, so this state needs no locking.
 *
 * <p>Failure rules: no connection is 502; the upstream closing or sending garbage before the
 * response head is 502, after it the client connection is closed (a response cannot be retracted);
 * no response head within the timeout after the request was sent is 504.
 */
final class ProxyExchange {
  private final ProxyFrontendHandler client;
  private final ProxyContext proxy;
  private final EventLoop loop;
  private final HttpRequest request;
  private final UpstreamAddress target;
  private final boolean headRequest;

  private Channel upstream;
  private ProxyBackendHandler backend;
  private final ResponseDeadlines deadlines;

  // Links of the intrusive deadline list, owned by ResponseDeadlines.
  long deadlineNanos;
  ProxyExchange deadlinePrevious;
  ProxyExchange deadlineNext;
  boolean deadlineListed;
  private ChannelFuture lastClientWrite;

  /** Completed, failed or abandoned: every later event is ignored. */
  private boolean finished;

  private boolean requestSent;
  private boolean responseStarted;
  private boolean responseReceived;
  private boolean upstreamKeepAlive;
  private boolean skippingInterim;

  ProxyExchange(
      ProxyFrontendHandler client,
      ProxyContext proxy,
      EventLoop loop,
      HttpRequest request,
      UpstreamAddress target,
      boolean headRequest) {
    this.client = client;
    this.proxy = proxy;
    this.loop = loop;
    this.request = request;
    this.target = target;
    this.headRequest = headRequest;
    this.deadlines = proxy.deadlines().of(loop);
  }

  void start() {
    Future<Channel> acquired = proxy.pool().acquire(loop, target);
    if (acquired.isDone()) {
      onAcquired(acquired);
    } else {
      acquired.addListener(f -> onAcquired(acquired));
    }
  }

  private void onAcquired(Future<Channel> acquired) {
    if (finished) {
      // The client left while we were connecting.
      if (acquired.isSuccess()) {
        acquired.getNow().close();
      }
      return;
    }
    if (!acquired.isSuccess()) {
      fail(UpstreamError.CONNECT);
      client.requestHeadSent();
      return;
    }
    upstream = acquired.getNow();
    backend = upstream.pipeline().get(ProxyBackendHandler.class);
    backend.attach(this);
    if (hasNoBody(request)) {
      // The empty last content follows at once and its flush carries the head too: one write
      // syscall per request instead of two.
      // A failed write surfaces as exceptionCaught, which closes the upstream connection and so
      // reaches onUpstreamClosed: no promise and listener needed per request.
      upstream.write(request, upstream.voidPromise());
      client.requestHeadSent();
    } else {
      upstream
          .writeAndFlush(request)
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  onUpstreamClosed();
                }
                client.requestHeadSent();
              });
    }
    upstream.read();
  }

  private static boolean hasNoBody(HttpRequest request) {
    return !HttpUtil.isTransferEncodingChunked(request)
        && HttpUtil.getContentLength(request, 0L) == 0L;
  }

  boolean acceptsRequestBody() {
    return !finished && upstream != null;
  }

  void forwardRequestContent(HttpContent content, boolean last) {
    upstream
        .writeAndFlush(content)
        .addListener(
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
   * The response timeout starts once the whole request is upstream: a slow upload is not the
   * upstream's fault.
   */
  private void onRequestSent() {
    requestSent = true;
    if (!finished && !responseStarted) {
      deadlines.add(this);
    }
  }

  // ---- upstream events, from ProxyBackendHandler ----

  void onResponseObject(HttpObject msg) {
    if (finished) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse response) {
      if (response.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        fail(UpstreamError.PROTOCOL);
        return;
      }
      int status = response.status().code();
      if (status < 200) {
        // Interim responses are not relayed: the proxy answered any Expect itself.
        skippingInterim = true;
      } else {
        onResponseHead(response, status);
      }
    }
    if (msg instanceof HttpContent content) {
      boolean last = content instanceof LastHttpContent;
      if (skippingInterim) {
        ReferenceCountUtil.release(content);
        skippingInterim = !last;
      } else if (content.decoderResult().isFailure()) {
        ReferenceCountUtil.release(content);
        fail(UpstreamError.PROTOCOL);
      } else if (last) {
        responseReceived = true;
        client
            .writeResponse(content)
            .addListener(
                f -> {
                  if (f.isSuccess()) {
                    complete();
                  } else {
                    clientGone();
                  }
                });
        client.flushResponse();
      } else {
        lastClientWrite = client.writeResponse(content);
      }
    }
  }

  private void onResponseHead(HttpResponse response, int status) {
    cancelTimeout();
    responseStarted = true;
    upstreamKeepAlive = HttpUtil.isKeepAlive(response);
    HopByHopHeaders.strip(response.headers());
    boolean bodyless = headRequest || status == 204 || status == 304;
    if (!bodyless && !response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      // Re-frame: chunked for HTTP/1.1 clients, end-of-connection for HTTP/1.0 ones.
      if (client.isHttp10()) {
        client.disableKeepAlive();
      } else {
        response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    if (!client.isKeepAlive()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (client.isHttp10()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    response.setProtocolVersion(HttpVersion.HTTP_1_1);
    client.countResponse(status);
    lastClientWrite = client.writeResponse(response);
  }

  /**
   * The end of an upstream read batch: flush it to the client and read the next batch only once the
   * client has taken this one (read-after-write backpressure).
   */
  void onUpstreamReadComplete() {
    if (finished || responseReceived) {
      return;
    }
    ChannelFuture written = lastClientWrite;
    lastClientWrite = null;
    if (written == null) {
      upstream.read(); // a partial head, or an interim response: nothing to wait for
      return;
    }
    client.flushResponse();
    written.addListener(
        f -> {
          if (!f.isSuccess()) {
            clientGone();
          } else if (!finished) {
            upstream.read();
          }
        });
  }

  void onUpstreamClosed() {
    if (!finished && !responseReceived) {
      fail(UpstreamError.RESET);
    }
  }

  // ---- endings ----

  void onTimeout() {
    if (!finished && !responseStarted) {
      fail(UpstreamError.TIMEOUT);
    }
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
    if (requestSent && upstreamKeepAlive && upstream.isActive()) {
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
      client.upstreamFailed(
          error == UpstreamError.TIMEOUT
              ? HttpResponseStatus.GATEWAY_TIMEOUT
              : HttpResponseStatus.BAD_GATEWAY);
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
