package dev.lintel.proxy.h1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadWriterTest {
  private static final UnpooledByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

  private static String text(ByteBuf buf) {
    String s = buf.toString(StandardCharsets.ISO_8859_1);
    buf.release();
    return s;
  }

  @Test
  void upstreamRequestDropsHopByHopAndAddsForwardedFields() throws Exception {
    RequestHead r =
        HeadParser.parseRequest(
            ("GET /p?q HTTP/1.0\r\nHost: Shop:8080\r\nConnection: keep-alive, X-Secret\r\n"
                    + "X-Secret: s\r\nX-Forwarded-For: 10.0.0.1\r\nKeep-Alive: timeout=5\r\n"
                    + "X-Forwarded-Proto: https\r\nX-Forwarded-For: 10.0.0.2\r\nX-Kept:v\r\n"
                    + "Upgrade: h2c\r\nTE: trailers\r\nProxy-Connection: x\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(text(HeadWriter.request(ALLOC, r, "127.0.0.9", "10.1.1.1:80")))
        .isEqualTo(
            "GET /p?q HTTP/1.1\r\nHost: Shop:8080\r\nX-Kept:v\r\n"
                + "x-forwarded-for: 10.0.0.1, 10.0.0.2, 127.0.0.9\r\n"
                + "x-forwarded-proto: http\r\nx-forwarded-host: Shop:8080\r\n\r\n");
  }

  @Test
  void teTrailersIsKeptOnlyForAnH2cBackend() throws Exception {
    for (String te : new String[] {"trailers", "Trailers ", "gzip", "trailers, gzip"}) {
      RequestHead r =
          HeadParser.parseRequest(
              ("POST /svc/M HTTP/1.1\r\nHost: h\r\nTE: " + te + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String h2c =
          text(
              HeadWriter.request(
                  ALLOC, r, "1.2.3.4", "x", HeaderEdits.NONE, null, null, Scheme.HTTP, true));
      assertThat(h2c.contains("te: trailers\r\n"))
          .as("TE: %s to an h2c backend", te)
          .isEqualTo(te.trim().equalsIgnoreCase("trailers"));
      assertThat(text(HeadWriter.request(ALLOC, r, "1.2.3.4", "x")))
          .doesNotContainIgnoringCase("te:");
    }
  }

  @Test
  void requestWithoutHostGetsTheFallbackAndChunkedKeepsItsFraming() throws Exception {
    RequestHead r =
        HeadParser.parseRequest(
            "POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(text(HeadWriter.request(ALLOC, r, "1.2.3.4", "10.1.1.1:80")))
        .isEqualTo(
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nx-forwarded-for: 1.2.3.4\r\n"
                + "x-forwarded-proto: http\r\nhost: 10.1.1.1:80\r\n\r\n");
    RequestHead chunked =
        HeadParser.parseRequest(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(text(HeadWriter.request(ALLOC, chunked, "1.2.3.4", "x")))
        .endsWith("transfer-encoding: chunked\r\n\r\n");
  }

  @Test
  void clientResponseIsHttp11WithFramingAndPersistenceSet() throws Exception {
    ResponseHead r =
        HeadParser.parseResponse(
            ("HTTP/1.0 201 Created Here\r\nX-A: 1\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(text(HeadWriter.response(ALLOC, r, true, true, false)))
        .isEqualTo("HTTP/1.1 201 Created Here\r\nX-A: 1\r\ntransfer-encoding: chunked\r\n\r\n");
    assertThat(text(HeadWriter.response(ALLOC, r, false, true, true)))
        .isEqualTo("HTTP/1.1 201 Created Here\r\nX-A: 1\r\nconnection: keep-alive\r\n\r\n");
    assertThat(text(HeadWriter.response(ALLOC, r, false, false, false)))
        .isEqualTo("HTTP/1.1 201 Created Here\r\nX-A: 1\r\nconnection: close\r\n\r\n");
  }

  @Test
  void requestEditsDropReplaceAndAddLinesAndRewriteTargetAndHost() throws Exception {
    RequestHead r =
        HeadParser.parseRequest(
            ("GET /old/x?q=1 HTTP/1.1\r\nHost: shop\r\nX-Set: a\r\nx-set: b\r\n"
                    + "X-Remove: r\r\nX-Add: first\r\nX-Kept: k\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    HeaderEdits edits =
        new HeaderEdits.Builder()
            .remove("x-remove")
            .set("X-Set", "new")
            .add("X-Add", "second")
            .build();
    assertThat(
            text(
                HeadWriter.request(
                    ALLOC, r, "1.2.3.4", "x", edits, "/new/x?q=1", "internal", Scheme.HTTP, false)))
        .isEqualTo(
            "GET /new/x?q=1 HTTP/1.1\r\nX-Add: first\r\nX-Kept: k\r\nhost: internal\r\n"
                + "x-forwarded-for: 1.2.3.4\r\nx-forwarded-proto: http\r\n"
                + "x-forwarded-host: shop\r\nX-Set: new\r\nX-Add: second\r\n\r\n");
  }

  @Test
  void laterStepsOfEditsOverrideEarlierOnes() {
    HeaderEdits edits =
        new HeaderEdits.Builder()
            .add("X-A", "route")
            .set("X-B", "route")
            .remove("x-a")
            .set("x-b", "backend")
            .build();
    assertThat(
            java.util.Arrays.stream(edits.appendedLines())
                .map(line -> new String(line, StandardCharsets.ISO_8859_1)))
        .containsExactly("x-b: backend\r\n");
    assertThat(new HeaderEdits.Builder().build()).isSameAs(HeaderEdits.NONE);
  }

  @Test
  void responseEditsNeverTouchTheFraming() throws Exception {
    ResponseHead r =
        HeadParser.parseResponse(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer: up\r\nX-A: 1\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    HeaderEdits edits = new HeaderEdits.Builder().remove("server").add("X-A", "2").build();
    assertThat(text(HeadWriter.response(ALLOC, r, false, true, false, edits)))
        .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\nX-A: 2\r\n\r\n");
  }

  @Test
  void editsFollowedByLaterOnesDropWhatTheLaterRemove() throws Exception {
    ResponseHead r =
        HeadParser.parseResponse(
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nAccess-Control-Allow-Origin: *\r\n"
                    + "Server: up\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    HeaderEdits route =
        new HeaderEdits.Builder()
            .remove("server")
            .add("Access-Control-Allow-Origin", "https://route.example")
            .add("X-Route", "1")
            .build();
    HeaderEdits cors =
        new HeaderEdits.Builder()
            .remove("access-control-allow-origin")
            .add("access-control-allow-origin", "https://app.example")
            .build();

    assertThat(text(HeadWriter.response(ALLOC, r, false, true, false, route.followedBy(cors))))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Route: 1\r\n"
                + "access-control-allow-origin: https://app.example\r\n\r\n");
    assertThat(route.followedBy(HeaderEdits.NONE)).isSameAs(route);
    assertThat(HeaderEdits.NONE.followedBy(cors)).isSameAs(cors);
  }
}
