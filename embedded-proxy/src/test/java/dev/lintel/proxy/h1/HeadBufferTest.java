package dev.lintel.proxy.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One buffer parses a connection's heads one after another: nothing of a head may leak into the
 * next.
 */
class HeadBufferTest {
  private final HeadBuffer buffer = new HeadBuffer();

  private static ByteBuf wire(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  private RequestHead request(String head) throws HttpParseException {
    ByteBuf in = wire(head + "next bytes");
    RequestHead parsed = buffer.parseRequest(in, head.length());
    assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("next bytes");
    return parsed;
  }

  @Test
  void eachRequestSeesOnlyItsOwnHead() throws Exception {
    RequestHead first =
        request(
            "POST /a/long/path?x=1 HTTP/1.1\r\nHost: a.example.com\r\nConnection: close, X-Drop\r\n"
                + "X-Drop: 1\r\nContent-Length: 5\r\n\r\n");
    assertThat(first.host()).isEqualTo("a.example.com");
    assertThat(first.target()).isEqualTo("/a/long/path?x=1");
    assertThat(first.isKeepAlive()).isFalse();
    assertThat(first.headers().kind(2)).isEqualTo(HeaderFields.NOMINATED);

    String secondHead = "GET /b HTTP/1.1\r\nHost: b.example.com\r\nX-Drop: 2\r\n\r\n";
    RequestHead second = request(secondHead);
    assertThat(second.host()).isEqualTo("b.example.com");
    assertThat(second.target()).isEqualTo("/b");
    assertThat(second.length()).isEqualTo(secondHead.length());
    assertThat(second.hasBody()).isFalse();
    assertThat(second.isKeepAlive()).isTrue();
    assertThat(second.headers().size()).isEqualTo(2);
    assertThat(second.headers().kind(1)).isEqualTo(HeaderFields.OTHER);
  }

  @Test
  void repeatedHostAndTargetKeepTheirStringsAndChangedOnesAreReadAgain() throws Exception {
    RequestHead first = request("GET /same HTTP/1.1\r\nHost: a.example.com\r\n\r\n");
    String host = first.host();
    String target = first.target();
    RequestHead second = request("GET /same HTTP/1.1\r\nX-New: 1\r\nHost: a.example.com\r\n\r\n");
    assertThat(second.host()).isSameAs(host);
    assertThat(second.target()).isSameAs(target);

    RequestHead third = request("GET /samf HTTP/1.1\r\nHost: a.example.org\r\n\r\n");
    assertThat(third.host()).isEqualTo("a.example.org");
    assertThat(third.target()).isEqualTo("/samf");
    RequestHead fourth = request("GET /samf HTTP/1.0\r\n\r\n");
    assertThat(fourth.host()).isNull();
  }

  @Test
  void headsLargerThanTheKeptArrayParseAndSmallerOnesFollow() throws Exception {
    String big = "x".repeat(HeadBuffer.KEEP_BYTES);
    RequestHead large = request("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + big + "\r\n\r\n");
    assertThat(large.headers().get("x-big")).isEqualTo(big);
    RequestHead small = request("GET /s HTTP/1.1\r\nHost: h2\r\n\r\n");
    assertThat(small.target()).isEqualTo("/s");
    assertThat(small.host()).isEqualTo("h2");
  }

  @Test
  void aRefusedHeadDoesNotSpoilTheNextOne() throws Exception {
    assertThatThrownBy(() -> request("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"))
        .isInstanceOf(HttpParseException.class);
    assertThat(request("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").target()).isEqualTo("/ok");
  }

  @Test
  void responsesAreRefilledToo() throws Exception {
    ByteBuf in =
        wire(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\n");
    ResponseHead first = buffer.parseResponse(in, 47);
    assertThat(first.isChunked()).isTrue();
    assertThat(first.isKeepAlive()).isTrue();
    ResponseHead second = buffer.parseResponse(in, in.readableBytes());
    assertThat(second.status()).isEqualTo(404);
    assertThat(second.isChunked()).isFalse();
    assertThat(second.contentLength()).isEqualTo(3);
    assertThat(second.isKeepAlive()).isFalse();
    assertThat(second.headers().size()).isEqualTo(1);
  }
}
