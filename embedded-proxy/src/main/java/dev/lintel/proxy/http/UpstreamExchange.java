package dev.lintel.proxy.http;

import dev.lintel.proxy.h1.BodyDecoder;
import dev.lintel.proxy.h1.ResponseHead;
import io.netty.buffer.ByteBuf;

/**
 * What {@link ProxyBackendHandler} reports about the response on an upstream connection to the
 * request that holds the connection: a proxied request ({@link ProxyExchange}) or a mirrored copy
 * ({@link MirrorExchange}). Called on the connection's event loop.
 */
interface UpstreamExchange {
  /**
   * A final (non-1xx) response head; returns how to read its body, or null when it has none (then
   * the response is complete).
   */
  BodyDecoder onResponseHead(ResponseHead response);

  /**
   * A {@code 101 Switching Protocols} response. Returns true when the exchange took the connection
   * over (it then owns {@code rest}, the bytes received after the head, and this handler is gone);
   * false when no upgrade was asked for, which makes the response a protocol error.
   */
  default boolean onSwitchingProtocols(ResponseHead response, ByteBuf rest) {
    return false;
  }

  /** A piece of the response body (a retained slice, now owned by the callee). */
  void onResponseContent(ByteBuf piece, boolean last, byte[] trailers);

  /** The upstream sent something unparseable. */
  void onProtocolError();

  /** The end of a read batch from the upstream. */
  void onUpstreamReadComplete();

  /** The upstream connection closed while the request held it. */
  void onUpstreamClosed();
}
