package dev.lintel.proxy.h2;

/**
 * Every HTTP/2 limit of the proxy, in one place (the README's HTTP/2 section lists them). They
 * bound what one connection can make the proxy hold or do, so that floods end the flooding
 * connection and nothing else: Rapid Reset (CVE-2023-44487: HEADERS then RST_STREAM in a loop),
 * MadeYouReset (CVE-2025-55163: frames that make the server reset streams itself), CONTINUATION
 * floods and oversized header lists.
 */
public final class Http2Limits {
  /** Streams a client may have open at once on one connection (SETTINGS_MAX_CONCURRENT_STREAMS). */
  public static final int MAX_CONCURRENT_STREAMS = 128;

  /**
   * Largest request header list (SETTINGS_MAX_HEADER_LIST_SIZE, HPACK-decoded size with 32 bytes
   * per field): the HTTP/1 request line and header section limits together (8 KiB + 16 KiB), as the
   * request goes on as an HTTP/1.1 head. Larger is refused with 431 and a stream reset.
   */
  public static final int MAX_HEADER_LIST_SIZE = 24 * 1024;

  /** Largest response header list accepted from an h2c backend (the HTTP/1 response limit). */
  public static final int MAX_UPSTREAM_HEADER_LIST_SIZE = 64 * 1024;

  /** Largest frame payload received (SETTINGS_MAX_FRAME_SIZE; the protocol's minimum). */
  public static final int MAX_FRAME_SIZE = 16 * 1024;

  /**
   * Flow-control window of each stream (SETTINGS_INITIAL_WINDOW_SIZE): what a peer may send on a
   * stream before the proxy has passed it on.
   */
  public static final int STREAM_WINDOW = 64 * 1024;

  /**
   * Flow-control window of a whole connection: bounds what one connection can make the proxy
   * buffer, whatever its number of streams.
   */
  public static final int CONNECTION_WINDOW = 1024 * 1024;

  /**
   * RST_STREAM frames a client may send per {@link #RESET_WINDOW_SECONDS} (Rapid Reset); beyond,
   * the connection gets GOAWAY (ENHANCE_YOUR_CALM) and is closed.
   */
  public static final int MAX_RESETS_RECEIVED = 200;

  /**
   * RST_STREAM frames the proxy may send on one connection per {@link #RESET_WINDOW_SECONDS}: the
   * MadeYouReset mitigation (a client sending frames the server must answer with a reset, such as
   * WINDOW_UPDATE of 0 on a stream, or DATA on a closed one).
   */
  public static final int MAX_RESETS_SENT = 200;

  /** The window over which resets are counted. */
  public static final int RESET_WINDOW_SECONDS = 30;

  /** Empty DATA frames in a row without END_STREAM (a CPU-only flood) before GOAWAY. */
  public static final int MAX_CONSECUTIVE_EMPTY_DATA_FRAMES = 2;

  /** Small CONTINUATION frames in a row (the CONTINUATION flood) before GOAWAY. */
  public static final int MAX_SMALL_CONTINUATION_FRAMES = 16;

  /**
   * Control frames (PING and SETTINGS acks, resets) queued for a client that does not read before
   * its connection is closed.
   */
  public static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;

  /** A connection without open streams for this long is closed with GOAWAY. */
  public static final int IDLE_TIMEOUT_SECONDS = 300;

  /** How long streams may still finish after the proxy sent GOAWAY. */
  public static final long GRACEFUL_SHUTDOWN_MILLIS = 5_000;

  /** Trailer section of a message converted to or from HTTP/1.1 chunked trailers. */
  public static final int MAX_TRAILERS = 16 * 1024;

  private Http2Limits() {}
}
