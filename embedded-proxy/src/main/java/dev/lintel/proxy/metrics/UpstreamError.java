package dev.lintel.proxy.metrics;

/** Why a request could not be answered by its upstream. */
public enum UpstreamError {
  /** The connection could not be established (refused, unreachable, connect timeout): 502. */
  CONNECT,
  /** The upstream closed or reset the connection before the response was complete: 502. */
  RESET,
  /** The upstream sent something that is not a valid HTTP response: 502. */
  PROTOCOL,
  /** The upstream did not start answering within the response timeout: 504. */
  TIMEOUT;

  final String tag = name().toLowerCase(java.util.Locale.ROOT);
}
