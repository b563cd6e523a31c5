package dev.lintel.proxy.h2;

import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;

/** The HTTP/2 connection codecs of the proxy, configured with {@link Http2Limits}. */
public final class Http2Codecs {
  private Http2Codecs() {}

  /** For a client connection (HTTPS with ALPN {@code h2}, or h2c). */
  public static Http2FrameCodec server() {
    Http2Settings settings =
        Http2Settings.defaultSettings()
            .maxConcurrentStreams(Http2Limits.MAX_CONCURRENT_STREAMS)
            .maxHeaderListSize(Http2Limits.MAX_HEADER_LIST_SIZE)
            .maxFrameSize(Http2Limits.MAX_FRAME_SIZE)
            .initialWindowSize(Http2Limits.STREAM_WINDOW);
    return limited(Http2FrameCodecBuilder.forServer().initialSettings(settings))
        .frameLogger(new SentResetLimit())
        .build();
  }

  /** For a connection to an h2c backend (prior knowledge), which may not push. */
  public static Http2FrameCodec client() {
    Http2Settings settings =
        Http2Settings.defaultSettings()
            .pushEnabled(false)
            .maxHeaderListSize(Http2Limits.MAX_UPSTREAM_HEADER_LIST_SIZE)
            .maxFrameSize(Http2Limits.MAX_FRAME_SIZE)
            .initialWindowSize(Http2Limits.STREAM_WINDOW);
    return limited(Http2FrameCodecBuilder.forClient().initialSettings(settings)).build();
  }

  private static Http2FrameCodecBuilder limited(Http2FrameCodecBuilder builder) {
    return builder
        .validateHeaders(true)
        .decoderEnforceMaxRstFramesPerWindow(
            Http2Limits.MAX_RESETS_RECEIVED, Http2Limits.RESET_WINDOW_SECONDS)
        .encoderEnforceMaxRstFramesPerWindow(
            Http2Limits.MAX_RESETS_SENT, Http2Limits.RESET_WINDOW_SECONDS)
        .decoderEnforceMaxConsecutiveEmptyDataFrames(Http2Limits.MAX_CONSECUTIVE_EMPTY_DATA_FRAMES)
        .decoderEnforceMaxSmallContinuationFrames(Http2Limits.MAX_SMALL_CONTINUATION_FRAMES)
        .encoderEnforceMaxQueuedControlFrames(Http2Limits.MAX_QUEUED_CONTROL_FRAMES)
        .gracefulShutdownTimeoutMillis(Http2Limits.GRACEFUL_SHUTDOWN_MILLIS);
  }
}
