package dev.lintel.proxy.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stream bridges on their own: frames in, HTTP/1.1 bytes out, and back. */
class StreamBridgeTest {
  /** Without validation: what a decoder lets through is the bridge's to check. */
  private static Http2Headers get(String path) {
    return new DefaultHttp2Headers(false)
        .method("GET")
        .scheme("https")
        .authority("example.com")
        .path(path);
  }

  private static String readText(EmbeddedChannel channel) {
    StringBuilder text = new StringBuilder();
    ByteBuf bytes;
    while ((bytes = channel.readInbound()) != null) {
      text.append(bytes.toString(StandardCharsets.ISO_8859_1));
      bytes.release();
    }
    return text.toString();
  }

  @Test
  void aRequestBecomesHttp11WithHostFromAuthorityAndOneCookieField() {
    EmbeddedChannel stream = new EmbeddedChannel(new ServerStreamHandler());
    Http2Headers headers =
        get("/a?b=c")
            .add("cookie", "a=1")
            .add("cookie", "b=2")
            .add("x-custom", "v")
            .add("te", "trailers");
    stream.writeInbound(new DefaultHttp2HeadersFrame(headers, true));
    assertThat(readText(stream))
        .isEqualTo(
            "GET /a?b=c HTTP/1.1\r\nhost: example.com\r\nx-custom: v\r\nte: trailers\r\n"
                + "cookie: a=1; b=2\r\n\r\n");
  }

  @Test
  void aBodyWithoutLengthBecomesChunkedWithItsTrailers() {
    EmbeddedChannel stream = new EmbeddedChannel(new ServerStreamHandler());
    stream.writeInbound(new DefaultHttp2HeadersFrame(get("/up").method("POST"), false));
    stream.writeInbound(
        new DefaultHttp2DataFrame(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
    stream.writeInbound(
        new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().add("x-sum", "5"), true));
    assertThat(readText(stream))
        .isEqualTo(
            "POST /up HTTP/1.1\r\nhost: example.com\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\nx-sum: 5\r\n\r\n");
  }

  @Test
  void aBodyWithALengthGoesAsItIs() {
    EmbeddedChannel stream = new EmbeddedChannel(new ServerStreamHandler());
    stream.writeInbound(
        new DefaultHttp2HeadersFrame(get("/up").method("PUT").add("content-length", "5"), false));
    stream.writeInbound(
        new DefaultHttp2DataFrame(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), true));
    assertThat(readText(stream))
        .isEqualTo("PUT /up HTTP/1.1\r\nhost: example.com\r\ncontent-length: 5\r\n\r\nhello");
  }

  @Test
  void fieldsThatWouldReframeTheHttp11RequestAreDroppedOrRefused() {
    EmbeddedChannel dropped = new EmbeddedChannel(new ServerStreamHandler());
    dropped.writeInbound(
        new DefaultHttp2HeadersFrame(
            get("/").add("transfer-encoding", "chunked").add("connection", "close"), true));
    assertThat(readText(dropped)).isEqualTo("GET / HTTP/1.1\r\nhost: example.com\r\n\r\n");

    for (Http2Headers bad :
        new Http2Headers[] {
          get("/").add("x-injected", "a\r\ntransfer-encoding: chunked"),
          get("/ HTTP/1.1\r\nx: y"),
          get("/").authority("a b"),
          new DefaultHttp2Headers(false).method("GET").authority("example.com")
        }) {
      EmbeddedChannel stream = new EmbeddedChannel(new ServerStreamHandler());
      stream.writeInbound(new DefaultHttp2HeadersFrame(bad, true));
      assertThat(readText(stream)).isEmpty();
      Http2ResetFrame reset = stream.readOutbound();
      assertThat(reset.errorCode()).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
      assertThat(stream.isOpen()).isFalse();
    }
  }

  @Test
  void anHttp11ResponseBecomesFramesWithoutConnectionFieldsAndWithItsTrailers() {
    EmbeddedChannel stream = new EmbeddedChannel(new ServerStreamHandler());
    stream.writeInbound(new DefaultHttp2HeadersFrame(get("/"), true));
    readText(stream);
    // Written in pieces, as the proxy writes head and chunks.
    stream.writeOutbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhel",
            StandardCharsets.ISO_8859_1));
    stream.writeOutbound(
        Unpooled.copiedBuffer("lo\r\n0\r\ngrpc-status: 0\r\n\r\n", StandardCharsets.ISO_8859_1));
    Http2HeadersFrame head = stream.readOutbound();
    assertThat(head.headers().status().toString()).isEqualTo("200");
    assertThat(head.headers().get("content-type").toString()).isEqualTo("text/plain");
    assertThat(head.headers().contains("connection")).isFalse();
    assertThat(head.headers().contains("transfer-encoding")).isFalse();
    assertThat(head.isEndStream()).isFalse();
    StringBuilder body = new StringBuilder();
    Object frame;
    Http2HeadersFrame trailers = null;
    while ((frame = stream.readOutbound()) != null) {
      if (frame instanceof Http2DataFrame data) {
        body.append(data.content().toString(StandardCharsets.US_ASCII));
        assertThat(data.isEndStream()).isFalse();
        data.release();
      } else {
        trailers = (Http2HeadersFrame) frame;
      }
    }
    assertThat(body.toString()).isEqualTo("hello");
    assertThat(trailers).isNotNull();
    assertThat(trailers.isEndStream()).isTrue();
    assertThat(trailers.headers().get("grpc-status").toString()).isEqualTo("0");
  }

  @Test
  void anInterimResponseIsSentBeforeTheFinalOneAndAHeadResponseHasNoBody() {
    EmbeddedChannel stream = new EmbeddedChannel(new ServerStreamHandler());
    stream.writeInbound(new DefaultHttp2HeadersFrame(get("/").method("HEAD"), true));
    readText(stream);
    stream.writeOutbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 42\r\n\r\n",
            StandardCharsets.ISO_8859_1));
    Http2HeadersFrame interim = stream.readOutbound();
    assertThat(interim.headers().status().toString()).isEqualTo("100");
    assertThat(interim.isEndStream()).isFalse();
    Http2HeadersFrame head = stream.readOutbound();
    assertThat(head.headers().get("content-length").toString()).isEqualTo("42");
    assertThat(head.isEndStream()).isTrue();
    assertThat((Object) stream.readOutbound()).isNull();
  }

  @Test
  void anH2cResponseBecomesAnHttp11ResponseThatClosesItsStream() {
    EmbeddedChannel stream = new EmbeddedChannel(new ClientStreamHandler());
    stream.writeOutbound(
        Unpooled.copiedBuffer(
            "POST /svc/Method HTTP/1.1\r\nhost: backend:81\r\ncontent-type: application/grpc\r\n"
                + "te: trailers\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            StandardCharsets.ISO_8859_1));
    Http2HeadersFrame request = stream.readOutbound();
    assertThat(request.headers().method().toString()).isEqualTo("POST");
    assertThat(request.headers().authority().toString()).isEqualTo("backend:81");
    assertThat(request.headers().path().toString()).isEqualTo("/svc/Method");
    assertThat(request.headers().get("te").toString()).isEqualTo("trailers");
    assertThat(request.headers().contains("transfer-encoding")).isFalse();
    assertThat(request.headers().contains("host")).isFalse();
    Http2DataFrame body = stream.readOutbound();
    assertThat(body.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    body.release();
    Http2DataFrame end = stream.readOutbound();
    assertThat(end.content().isReadable()).isFalse();
    assertThat(end.isEndStream()).isTrue();

    stream.writeInbound(
        new DefaultHttp2HeadersFrame(
            new DefaultHttp2Headers().status("200").add("content-type", "application/grpc"),
            false));
    stream.writeInbound(
        new DefaultHttp2DataFrame(Unpooled.copiedBuffer("xyz", StandardCharsets.US_ASCII)));
    stream.writeInbound(
        new DefaultHttp2HeadersFrame(
            new DefaultHttp2Headers().add("grpc-status", "0").add("grpc-message", "ok"), true));
    assertThat(readText(stream))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\ncontent-type: application/grpc\r\ntransfer-encoding: chunked\r\n"
                + "connection: close\r\n\r\n3\r\nxyz\r\n0\r\ngrpc-status: 0\r\ngrpc-message: ok\r\n\r\n");
  }

  @Test
  void aTrailersOnlyResponseHasAZeroLength() {
    EmbeddedChannel stream = new EmbeddedChannel(new ClientStreamHandler());
    stream.writeInbound(
        new DefaultHttp2HeadersFrame(
            new DefaultHttp2Headers().status("200").add("grpc-status", "12"), true));
    assertThat(readText(stream))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\ngrpc-status: 12\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
  }
}
