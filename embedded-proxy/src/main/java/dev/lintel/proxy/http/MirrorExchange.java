package dev.lintel.proxy.http;

import dev.lintel.proxy.h1.BodyDecoder;
import dev.lintel.proxy.h1.BodyEncoder;
import dev.lintel.proxy.h1.ResponseHead;
import dev.lintel.proxy.upstream.UpstreamAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A copy of one request sent to a mirror backend (Gateway API {@code RequestMirror}); its response
 * is read and discarded. The copy never holds the original back: it gets no backpressure of its own
 * (a mirror that cannot take the body as fast as the original goes is dropped, never waited for),
 * and whatever happens to it (refused connection, slow or broken upstream) ends only the copy.
 *
 * <p>The head is written into a buffer when the copy is made, because the client connection reuses
 * its head buffer for the next request while the mirror may still be connecting.
 */
final class MirrorExchange implements UpstreamExchange {
  /** Body bytes kept for a mirror still connecting; beyond this the copy is dropped. */
  static final int MAX_PENDING_BYTES = 64 * 1024;

  private final ProxyContext proxy;
  private final EventLoop loop;
  private final UpstreamAddress target;
  private final boolean chunked;
  private final boolean headRequest;
  private final long timeoutNanos;

  private ByteBuf head;
  private ArrayDeque<Object[]> pending;
  private int pendingBytes;
  private Channel upstream;
  private ProxyBackendHandler backend;
  private boolean requestSent;
  private boolean keepAlive;
  private boolean done;

  /**
   * @param head the request head for the mirror, already written (now owned here)
   * @param hasBody whether body pieces will follow through {@link #forward}
   * @param chunked whether the body is sent as chunks
   * @param headRequest whether the method is HEAD (its response has no body)
   */
  MirrorExchange(
      ProxyContext proxy,
      EventLoop loop,
      UpstreamAddress target,
      ByteBuf head,
      boolean hasBody,
      boolean chunked,
      boolean headRequest) {
    this.proxy = proxy;
    this.loop = loop;
    this.target = target;
    this.head = head;
    this.chunked = chunked;
    this.headRequest = headRequest;
    this.requestSent = !hasBody;
    this.timeoutNanos = proxy.responseTimeoutNanos();
  }

  void start() {
    loop.schedule(this::abandon, timeoutNanos, TimeUnit.NANOSECONDS);
    Channel idle = proxy.pool().pollIdle(target);
    if (idle != null) {
      onAcquired(idle);
      return;
    }
    Future<Channel> connected = proxy.pool().connect(loop, target);
    connected.addListener(
        f -> {
          if (!connected.isSuccess()) {
            abandon();
          } else if (done) {
            connected.getNow().close();
          } else {
            onAcquired(connected.getNow());
          }
        });
  }

  private void onAcquired(Channel channel) {
    upstream = channel;
    backend = channel.pipeline().get(ProxyBackendHandler.class);
    backend.attach(this);
    channel.write(head, channel.voidPromise());
    head = null;
    if (pending != null) {
      for (Object[] piece : pending) {
        BodyEncoder.write(
            channel, (ByteBuf) piece[0], (Boolean) piece[1], chunked, (byte[]) piece[2]);
      }
      pending = null;
    }
    channel.flush();
    channel.read();
  }

  /** A piece of the original's body (a retained duplicate, now owned here). */
  void forward(ByteBuf piece, boolean last, byte[] trailers) {
    if (done) {
      piece.release();
      return;
    }
    if (last) {
      requestSent = true;
    }
    if (upstream == null) {
      pendingBytes += piece.readableBytes();
      if (pendingBytes > MAX_PENDING_BYTES) {
        piece.release();
        abandon();
        return;
      }
      if (pending == null) {
        pending = new ArrayDeque<>();
      }
      pending.add(new Object[] {piece, last, trailers});
      return;
    }
    if (!upstream.isWritable()) {
      piece.release();
      abandon(); // the mirror is slower than the original: drop the copy, never buffer for it
      return;
    }
    BodyEncoder.write(upstream, piece, last, chunked, trailers);
    upstream.flush();
  }

  @Override
  public BodyDecoder onResponseHead(ResponseHead response) {
    keepAlive = response.isKeepAlive();
    int status = response.status();
    BodyDecoder body =
        headRequest || status == 204 || status == 304
            ? null
            : BodyDecoder.forFraming(
                response.isChunked(), response.contentLength(), HttpLimits.MAX_TRAILERS);
    if (body == null) {
      complete();
    }
    return body;
  }

  @Override
  public void onResponseContent(ByteBuf piece, boolean last, byte[] trailers) {
    piece.release();
    if (last) {
      complete();
    }
  }

  @Override
  public void onProtocolError() {
    abandon();
  }

  @Override
  public void onUpstreamReadComplete() {
    if (!done) {
      upstream.read();
    }
  }

  @Override
  public void onUpstreamClosed() {
    abandon();
  }

  private void complete() {
    if (done) {
      return;
    }
    done = true;
    backend.detach();
    if (requestSent && keepAlive && upstream.isActive() && backend.isIdle()) {
      proxy.pool().release(target, upstream);
    } else {
      upstream.close();
    }
  }

  /** Ends the copy, whatever state it is in. */
  private void abandon() {
    if (done) {
      return;
    }
    done = true;
    ReferenceCountUtil.safeRelease(head);
    head = null;
    if (pending != null) {
      for (Object[] piece : pending) {
        ReferenceCountUtil.safeRelease(piece[0]);
      }
      pending = null;
    }
    if (upstream != null) {
      backend.detach();
      upstream.close();
    }
  }
}
