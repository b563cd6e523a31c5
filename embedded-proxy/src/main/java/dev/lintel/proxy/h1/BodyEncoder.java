package dev.lintel.proxy.h1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;

/**
 * Writes body pieces with the framing of the side they go to: as they are (a declared length, or
 * until close), or as chunks.
 */
public final class BodyEncoder {
  private static final ByteBuf CRLF =
      Unpooled.unreleasableBuffer(Unpooled.directBuffer(2).writeBytes(new byte[] {'\r', '\n'}))
          .asReadOnly();
  private static final ByteBuf LAST_CHUNK =
      Unpooled.unreleasableBuffer(
              Unpooled.directBuffer(5).writeBytes(new byte[] {'0', '\r', '\n', '\r', '\n'}))
          .asReadOnly();

  private BodyEncoder() {}

  /**
   * Writes (without flushing) one piece, taking ownership of it; the returned future completes when
   * the piece's last byte is written.
   *
   * @param chunked frame the piece as a chunk (and, if last, end the chunked body)
   * @param trailers trailer lines for the end of a chunked body (may be empty)
   */
  public static ChannelFuture write(
      Channel channel, ByteBuf piece, boolean last, boolean chunked, byte[] trailers) {
    ChannelPromise promise = channel.newPromise();
    if (!chunked) {
      return channel.write(piece, promise);
    }
    int size = piece.readableBytes();
    if (size > 0) {
      ByteBuf sizeLine = channel.alloc().ioBuffer(18);
      sizeLine.writeCharSequence(
          Integer.toHexString(size), java.nio.charset.StandardCharsets.US_ASCII);
      sizeLine.writeShort(('\r' << 8) | '\n');
      channel.write(sizeLine, channel.voidPromise());
      channel.write(piece, channel.voidPromise());
    } else {
      piece.release();
    }
    if (!last) {
      return channel.write(size > 0 ? CRLF.duplicate() : Unpooled.EMPTY_BUFFER, promise);
    }
    ByteBuf end;
    if (trailers.length == 0) {
      end =
          size > 0
              ? Unpooled.wrappedBuffer(CRLF.duplicate(), LAST_CHUNK.duplicate())
              : LAST_CHUNK.duplicate();
    } else {
      end = channel.alloc().ioBuffer(trailers.length + 7);
      if (size > 0) {
        end.writeShort(('\r' << 8) | '\n');
      }
      end.writeByte('0').writeShort(('\r' << 8) | '\n');
      end.writeBytes(trailers);
      end.writeShort(('\r' << 8) | '\n');
    }
    return channel.write(end, promise);
  }
}
