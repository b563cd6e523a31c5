package dev.lintel.proxy.h2;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.logging.LogLevel;
import java.util.concurrent.TimeUnit;

/**
 * Counts the RST_STREAM frames the proxy sends on one client connection with an error code (not
 * NO_ERROR or CANCEL, which are the proxy's own decisions) and ends the connection with GOAWAY
 * ENHANCE_YOUR_CALM beyond {@link Http2Limits#MAX_RESETS_SENT} per {@link
 * Http2Limits#RESET_WINDOW_SECONDS}: the MadeYouReset mitigation (CVE-2025-55163), where a client
 * sends frames that the server must answer by resetting the stream (a WINDOW_UPDATE of 0, too many
 * streams), so that the client never resets anything itself and Rapid Reset's limit never counts.
 *
 * <p>It hooks in as the codec's frame logger because every frame the codec writes passes the
 * logger, the resets the codec sends by itself included; Netty's own {@code
 * encoderEnforceMaxRstFramesPerWindow} sees only those written through the encoder, which in Netty
 * 4.2.18 the codec's resets for stream errors bypass. Logging itself stays at TRACE.
 */
final class SentResetLimit extends Http2FrameLogger {
  private static final long WINDOW_NANOS =
      TimeUnit.SECONDS.toNanos(Http2Limits.RESET_WINDOW_SECONDS);

  private long windowStart = System.nanoTime();
  private int sent;
  private boolean tripped;

  SentResetLimit() {
    super(LogLevel.TRACE, SentResetLimit.class);
  }

  @Override
  public void logRstStream(
      Direction direction, ChannelHandlerContext ctx, int streamId, long code) {
    super.logRstStream(direction, ctx, streamId, code);
    if (direction != Direction.OUTBOUND
        || code == Http2Error.NO_ERROR.code()
        || code == Http2Error.CANCEL.code()
        || tripped) {
      return;
    }
    long now = System.nanoTime();
    if (now - windowStart > WINDOW_NANOS) {
      windowStart = now;
      sent = 0;
    }
    if (++sent > Http2Limits.MAX_RESETS_SENT) {
      tripped = true;
      // Not from inside the codec's own write: once it is done.
      ctx.executor()
          .execute(
              () ->
                  ctx.channel()
                      .writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.ENHANCE_YOUR_CALM))
                      .addListener(ChannelFutureListener.CLOSE));
    }
  }
}
