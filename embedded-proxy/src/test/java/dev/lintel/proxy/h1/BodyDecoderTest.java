package dev.lintel.proxy.h1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
  private static final String CHUNKED =
      "5\r\nhello\r\n1;name=value\r\n \r\nA \r\n0123456789\r\n0\r\nX-Check: 1\r\n\r\nNEXT";

  /** Feeds {@code wire} in pieces of {@code step} bytes; returns payload + what is left over. */
  private static String[] decode(BodyDecoder decoder, String wire, int step) throws Exception {
    ByteBuf in = Unpooled.buffer();
    StringBuilder payload = new StringBuilder();
    byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
    int fed = 0;
    while (!decoder.isDone()) {
      ByteBuf piece = decoder.next(in);
      if (piece == null) {
        if (fed == bytes.length) {
          break;
        }
        int n = Math.min(step, bytes.length - fed);
        in.writeBytes(bytes, fed, n);
        fed += n;
        continue;
      }
      payload.append(piece.toString(StandardCharsets.ISO_8859_1));
      piece.release();
    }
    in.writeBytes(bytes, fed, bytes.length - fed);
    String rest = in.toString(StandardCharsets.ISO_8859_1);
    in.release();
    return new String[] {payload.toString(), rest};
  }

  @Test
  void decodesChunkedBodiesWhateverTheReadBoundaries() throws Exception {
    for (int step = 1; step <= CHUNKED.length(); step++) {
      BodyDecoder decoder = BodyDecoder.chunked(1024);
      String[] result = decode(decoder, CHUNKED, step);
      assertThat(result[0]).as("step %d", step).isEqualTo("hello 0123456789");
      assertThat(result[1]).as("step %d", step).isEqualTo("NEXT");
      assertThat(decoder.isDone()).isTrue();
      assertThat(new String(decoder.trailers(), StandardCharsets.ISO_8859_1))
          .isEqualTo("X-Check: 1\r\n");
    }
  }

  @Test
  void decodesFixedLengthBodiesAndLeavesTheNextMessage() throws Exception {
    for (int step = 1; step <= 9; step++) {
      BodyDecoder decoder = BodyDecoder.fixed(5);
      String[] result = decode(decoder, "helloNEXT", step);
      assertThat(result[0]).isEqualTo("hello");
      assertThat(result[1]).isEqualTo("NEXT");
    }
  }

  @Test
  void untilCloseEndsWithFinish() throws Exception {
    BodyDecoder decoder = BodyDecoder.untilClose();
    ByteBuf in = Unpooled.copiedBuffer("abc", StandardCharsets.ISO_8859_1);
    ByteBuf piece = decoder.next(in);
    assertThat(piece.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abc");
    piece.release();
    assertThat(decoder.next(in)).isNull();
    assertThat(decoder.isDone()).isFalse();
    decoder.finish();
    assertThat(decoder.isDone()).isTrue();
    in.release();
  }

  @Test
  void refusesBrokenChunking() {
    for (String wire :
        new String[] {
          "x\r\n", // not hex
          "5\r\nhelloXX", // data not followed by CRLF
          "5\nhello\r\n", // bare LF
          "1234567890abcdef0\r\n", // too large
          "5 x\r\n", // junk after the size
          "0\r\nBad Name: x\r\n\r\n", // malformed trailer
        }) {
      assertThatThrownBy(() -> decode(BodyDecoder.chunked(1024), wire, wire.length()))
          .as(wire)
          .isInstanceOf(HttpParseException.class);
    }
  }

  @Test
  void boundsTheTrailerSection() {
    String wire = "0\r\nX-Big: " + "b".repeat(200) + "\r\n\r\n";
    assertThatThrownBy(() -> decode(BodyDecoder.chunked(100), wire, wire.length()))
        .satisfies(e -> assertThat(((HttpParseException) e).status()).isEqualTo(431));
  }
}
