package dev.lintel.proxy.http;

import dev.lintel.proxy.h1.HeadBuffer;
import dev.lintel.proxy.h1.HeadScanner;
import dev.lintel.proxy.h1.HttpParseException;
import dev.lintel.proxy.h1.RequestHead;
import dev.lintel.proxy.h2.Http2Codecs;
import dev.lintel.proxy.h2.Http2Pipelines;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * First handler of a clear-text connection, which looks at its first bytes only and then leaves:
 * the HTTP/2 connection preface (h2c with prior knowledge) makes the connection HTTP/2; a first
 * request asking for {@code Upgrade: h2c} (RFC 7540 section 3.2) is handed to Netty's upgrade
 * handlers, which answer 101 and serve that request as stream 1; anything else goes to the HTTP/1.1
 * frontend handler as it came. HTTP/1 keep-alive connections therefore pay for this once, at their
 * start, and never per request. Bytes that do not even name h2c are handed over at once.
 */
final class CleartextHttp2Detector extends ChannelInboundHandlerAdapter {
  private static final byte[] PREFACE =
      Http2CodecUtil.connectionPrefaceBuf()
          .toString(StandardCharsets.ISO_8859_1)
          .getBytes(StandardCharsets.ISO_8859_1);
  private static final AsciiString H2C = AsciiString.cached("h2c");

  private final ProxyContext proxy;
  private final int configPort;

  /** Made only for a first request that names h2c: most connections never need it. */
  private HeadScanner heads;

  private ByteBuf received;

  CleartextHttp2Detector(ProxyContext proxy, int configPort) {
    this.proxy = proxy;
    this.configPort = configPort;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    received =
        received == null
            ? bytes
            : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), received, bytes);
    int prefix = prefaceMatch(received);
    if (prefix == PREFACE.length) {
      priorKnowledge(ctx);
      return;
    }
    if (prefix == received.readableBytes()) {
      ctx.read(); // a preface so far: wait for the rest
      return;
    }
    if (!mentionsH2c(received)) {
      handOver(ctx);
      return;
    }
    if (heads == null) {
      heads = new HeadScanner(HttpLimits.MAX_REQUEST_LINE, HttpLimits.MAX_REQUEST_FIELDS, 414);
    }
    int length;
    try {
      length = heads.scan(received);
    } catch (HttpParseException e) {
      handOver(ctx); // the frontend handler answers it
      return;
    }
    if (length < 0) {
      ctx.read();
      return;
    }
    if (asksForH2c(length)) {
      upgrade(ctx);
    } else {
      handOver(ctx);
    }
  }

  /** How many leading bytes match the connection preface. */
  private static int prefaceMatch(ByteBuf in) {
    int n = Math.min(in.readableBytes(), PREFACE.length);
    for (int i = 0; i < n; i++) {
      if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
        return i;
      }
    }
    return n;
  }

  /** Whether "h2c" appears at all, in any case: no upgrade request goes without it. */
  private static boolean mentionsH2c(ByteBuf in) {
    int end = in.writerIndex() - 2;
    for (int i = in.readerIndex(); i < end; i++) {
      if ((in.getByte(i) | 0x20) == 'h'
          && in.getByte(i + 1) == '2'
          && (in.getByte(i + 2) | 0x20) == 'c') {
        return true;
      }
    }
    return false;
  }

  /**
   * An upgrade that Netty's handler will make: HTTP/1.1, no body (the upgrade request is answered
   * over HTTP/2 and a body would have to be buffered), {@code Upgrade: h2c}, an HTTP2-Settings
   * field, and both named by Connection. Any other request is served over HTTP/1.1, as RFC 9110
   * lets a server ignore an upgrade.
   */
  private boolean asksForH2c(int length) {
    RequestHead head;
    try {
      head = new HeadBuffer().parseRequest(received.duplicate(), length);
    } catch (HttpParseException e) {
      return false;
    }
    if (head.isHttp10() || head.hasBody()) {
      return false;
    }
    String upgrade = head.headers().get("upgrade");
    String connection = head.headers().get("connection");
    return upgrade != null
        && connection != null
        && head.headers().get("http2-settings") != null
        && hasToken(upgrade, H2C.toString())
        && hasToken(connection, "upgrade")
        && hasToken(connection, "http2-settings");
  }

  private static boolean hasToken(String list, String token) {
    for (String item : list.split(",")) {
      if (item.trim().toLowerCase(Locale.ROOT).equals(token)) {
        return true;
      }
    }
    return false;
  }

  private void priorKnowledge(ChannelHandlerContext ctx) {
    ctx.pipeline().remove(ProxyFrontendHandler.class);
    Http2Pipelines.addServer(ctx.pipeline(), new Http2StreamInitializer(proxy, configPort, null));
    handOver(ctx);
  }

  private void upgrade(ChannelHandlerContext ctx) {
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(ProxyFrontendHandler.class);
    HttpServerCodec http1 = new HttpServerCodec();
    Http2StreamInitializer streams = new Http2StreamInitializer(proxy, configPort, null);
    pipeline.addLast("h2c-http1", http1);
    pipeline.addLast(
        "h2c-upgrade",
        new HttpServerUpgradeHandler(
            http1,
            protocol ->
                AsciiString.contentEquals(H2C, protocol)
                    ? new Http2ServerUpgradeCodec(
                        Http2Codecs.server(), Http2Pipelines.afterServerCodec(streams))
                    : null));
    pipeline.addLast("h2c-refused", new UpgradeRefusedHandler());
    handOver(ctx);
  }

  /** Leaves the pipeline and passes what was received to what comes next. */
  private void handOver(ChannelHandlerContext ctx) {
    ByteBuf bytes = received;
    received = null;
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(bytes);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (received != null) {
      received.release();
      received = null;
    }
  }
}
