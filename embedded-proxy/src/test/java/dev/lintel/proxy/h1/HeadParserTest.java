package dev.lintel.proxy.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadParserTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static RequestHead request(String head) throws HttpParseException {
    return HeadParser.parseRequest(bytes(head));
  }

  @Test
  void parsesRequestLineHeadersAndFraming() throws Exception {
    RequestHead r =
        request(
            "POST /a/b?c=d HTTP/1.1\r\nHost: Shop.Example.com\r\nX-Any:  padded value \t\r\n"
                + "Content-Length: 12\r\n\r\n");
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/a/b?c=d");
    assertThat(r.host()).isEqualTo("Shop.Example.com");
    assertThat(r.headers().get("x-any")).isEqualTo("padded value");
    assertThat(r.contentLength()).isEqualTo(12);
    assertThat(r.hasBody()).isTrue();
    assertThat(r.isChunked()).isFalse();
    assertThat(r.isKeepAlive()).isTrue();
    assertThat(r.isHttp10()).isFalse();
    assertThat(r.isHead()).isFalse();
    assertThat(r.expect()).isEqualTo(RequestHead.EXPECT_NONE);
  }

  @Test
  void decidesPersistenceFromVersionAndConnection() throws Exception {
    assertThat(request("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").isKeepAlive())
        .isFalse();
    assertThat(request("GET / HTTP/1.0\r\n\r\n").isKeepAlive()).isFalse();
    assertThat(request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").isKeepAlive()).isTrue();
    assertThat(request("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n").isHead()).isTrue();
  }

  @Test
  void fieldsNamedByConnectionBecomeHopByHop() throws Exception {
    RequestHead r =
        request("GET / HTTP/1.1\r\nHost: h\r\nConnection: x-secret, close\r\nX-Secret: s\r\n\r\n");
    assertThat(r.headers().kind(2)).isEqualTo(HeaderFields.NOMINATED);
    assertThat(HeaderFields.isHopByHop(r.headers().kind(2))).isTrue();
  }

  @Test
  void chunkedRequests() throws Exception {
    RequestHead r = request("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n");
    assertThat(r.isChunked()).isTrue();
    assertThat(r.hasBody()).isTrue();
    assertThat(r.contentLength()).isEqualTo(-1);
  }

  @Test
  void expectations() throws Exception {
    assertThat(request("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\n\r\n").expect())
        .isEqualTo(RequestHead.EXPECT_CONTINUE);
    assertThat(request("PUT / HTTP/1.1\r\nHost: h\r\nExpect: magic\r\n\r\n").expect())
        .isEqualTo(RequestHead.EXPECT_OTHER);
    assertThat(request("PUT / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n").expect())
        .isEqualTo(RequestHead.EXPECT_NONE);
  }

  /** Each of these is a way to make two parsers disagree on where a request ends, or garbage. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3, 3\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: +3\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1234567890123456789\\r\\n\\r\\n",
        "501|GET / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n",
        "501|GET / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n",
        "400|GET / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding : chunked\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: 1\\r\\n folded\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: a\\rb\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: a\\u0000b\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\nHost: h\\n\\n",
        "400|GET / HTTP/1.1\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n",
        "400|GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n",
        "400|GET /a b HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n",
        "400|GE(T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n",
        "400|GET / HTTP/1.1 \\r\\nHost: h\\r\\n\\r\\n",
        "400|GET / HTTP/x.1\\r\\nHost: h\\r\\n\\r\\n",
        "505|GET / HTTP/2.0\\r\\nHost: h\\r\\n\\r\\n",
        "400|GARBAGE\\r\\n\\r\\n",
        "400|GET / HTTP/1.1\\r\\n: empty-name\\r\\n\\r\\n",
      })
  void refusesAmbiguousOrMalformedRequests(int status, String escaped) {
    String head = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000");
    assertThatThrownBy(() -> request(head))
        .isInstanceOf(HttpParseException.class)
        .satisfies(e -> assertThat(((HttpParseException) e).status()).isEqualTo(status));
  }

  @Test
  void refusesTooManyFields() {
    String head =
        "GET / HTTP/1.1\r\nHost: h\r\n" + "X: 1\r\n".repeat(HeadParser.MAX_FIELDS) + "\r\n";
    assertThatThrownBy(() -> request(head))
        .satisfies(e -> assertThat(((HttpParseException) e).status()).isEqualTo(431));
  }

  @Test
  void parsesResponses() throws Exception {
    ResponseHead r =
        HeadParser.parseResponse(
            bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nX-A: b\r\n\r\n"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentLength()).isEqualTo(5);
    assertThat(r.isKeepAlive()).isTrue();
    String statusAndReason =
        new String(
            r.bytes(), r.statusStart(), r.reasonEnd() - r.statusStart(), StandardCharsets.US_ASCII);
    assertThat(statusAndReason).isEqualTo("404 Not Found");

    ResponseHead noReason = HeadParser.parseResponse(bytes("HTTP/1.1 204\r\n\r\n"));
    assertThat(noReason.status()).isEqualTo(204);

    ResponseHead http10 = HeadParser.parseResponse(bytes("HTTP/1.0 200 OK\r\n\r\n"));
    assertThat(http10.isKeepAlive()).isFalse();
    assertThat(http10.contentLength()).isEqualTo(-1);

    ResponseHead gzip =
        HeadParser.parseResponse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"));
    assertThat(gzip.isChunked()).isFalse();
    assertThat(gzip.isKeepAlive()).as("read until close").isFalse();
  }

  @Test
  void refusesBrokenResponsesWith502() {
    for (String head :
        new String[] {
          "HTTP/1.1 20 OK\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
          "ICY 200 OK\r\n\r\n",
        }) {
      assertThatThrownBy(() -> HeadParser.parseResponse(bytes(head)))
          .as(head)
          .satisfies(e -> assertThat(((HttpParseException) e).status()).isEqualTo(502));
    }
  }
}
