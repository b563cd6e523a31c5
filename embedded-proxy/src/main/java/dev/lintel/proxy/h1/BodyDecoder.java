package dev.lintel.proxy.h1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Takes one message body out of received bytes, piece by piece, without copying: each piece is a
 * retained slice of the input. Three framings (RFC 9112 section 6): a declared length, chunked, or
 * everything until the connection closes (responses only).
 */
public abstract class BodyDecoder {
  /** The trailers of every body that has none. */
  public static final byte[] NO_TRAILERS = new byte[0];

  BodyDecoder() {}

  /**
   * The decoder for a message's framing (RFC 9112 section 6.3), or null when it has no body:
   * chunked, else a positive declared length, else (no length at all: responses only) until close.
   *
   * @param maxTrailerBytes the longest trailer section accepted for a chunked body
   */
  public static BodyDecoder forFraming(boolean chunked, long contentLength, int maxTrailerBytes) {
    if (chunked) {
      return chunked(maxTrailerBytes);
    }
    if (contentLength > 0) {
      return fixed(contentLength);
    }
    return contentLength == 0 ? null : untilClose();
  }

  /** A body of exactly {@code length} bytes ({@code length > 0}). */
  public static BodyDecoder fixed(long length) {
    return new Fixed(length);
  }

  /**
   * A chunked body.
   *
   * @param maxTrailerBytes the longest trailer section accepted
   */
  public static BodyDecoder chunked(int maxTrailerBytes) {
    return new Chunked(maxTrailerBytes);
  }

  /** A body that ends when the connection does: call {@link #finish} then. */
  public static BodyDecoder untilClose() {
    return new UntilClose();
  }

  /**
   * Takes the next piece of payload from {@code in}: a retained slice (possibly empty for the end
   * of a chunked body) that the caller must release, or null when more bytes are needed. After the
   * last piece {@link #isDone} is true and nothing more is taken from {@code in}.
   */
  public abstract ByteBuf next(ByteBuf in) throws HttpParseException;

  public abstract boolean isDone();

  /** Whether this body ends only with its connection. */
  public boolean isUntilClose() {
    return false;
  }

  /** The connection closed: the end of an until-close body. */
  public void finish() {}

  /** Trailer field lines of a chunked body (each with CRLF), once done; empty otherwise. */
  public byte[] trailers() {
    return NO_TRAILERS;
  }

  private static final class Fixed extends BodyDecoder {
    private long remaining;

    Fixed(long length) {
      this.remaining = length;
    }

    @Override
    public ByteBuf next(ByteBuf in) {
      int n = (int) Math.min(in.readableBytes(), remaining);
      if (n == 0) {
        return null;
      }
      remaining -= n;
      return in.readRetainedSlice(n);
    }

    @Override
    public boolean isDone() {
      return remaining == 0;
    }
  }

  private static final class UntilClose extends BodyDecoder {
    private boolean done;

    @Override
    public ByteBuf next(ByteBuf in) {
      int n = in.readableBytes();
      return n == 0 ? null : in.readRetainedSlice(n);
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public boolean isUntilClose() {
      return true;
    }

    @Override
    public void finish() {
      done = true;
    }
  }

  private static final class Chunked extends BodyDecoder {
    /** Chunk-size lines longer than this (with extensions) are refused. */
    private static final int MAX_SIZE_LINE = 4096;

    private static final int SIZE = 0;
    private static final int DATA = 1;
    private static final int DATA_END = 2;
    private static final int TRAILER = 3;
    private static final int DONE = 4;

    private final int maxTrailerBytes;
    private int state = SIZE;
    private long remaining;
    private ByteBuf trailerBytes;
    private byte[] trailers = NO_TRAILERS;

    Chunked(int maxTrailerBytes) {
      this.maxTrailerBytes = maxTrailerBytes;
    }

    @Override
    public ByteBuf next(ByteBuf in) throws HttpParseException {
      while (true) {
        switch (state) {
          case SIZE:
            if (!readSizeLine(in)) {
              return null;
            }
            break;
          case DATA:
            {
              int n = (int) Math.min(in.readableBytes(), remaining);
              if (n == 0) {
                return null;
              }
              remaining -= n;
              if (remaining == 0) {
                state = DATA_END;
              }
              return in.readRetainedSlice(n);
            }
          case DATA_END:
            if (in.readableBytes() < 2) {
              return null;
            }
            if (in.readByte() != Ascii.CR || in.readByte() != Ascii.LF) {
              throw new HttpParseException(400, "chunk data not followed by CRLF");
            }
            state = SIZE;
            break;
          case TRAILER:
            if (!readTrailerLine(in)) {
              return null;
            }
            if (state == DONE) {
              return Unpooled.EMPTY_BUFFER;
            }
            break;
          default:
            return null;
        }
      }
    }

    private boolean readSizeLine(ByteBuf in) throws HttpParseException {
      int start = in.readerIndex();
      int lf = in.indexOf(start, in.writerIndex(), Ascii.LF);
      if (lf < 0) {
        if (in.readableBytes() > MAX_SIZE_LINE) {
          throw new HttpParseException(400, "chunk size line too long");
        }
        return false;
      }
      if (lf - start > MAX_SIZE_LINE || lf == start || in.getByte(lf - 1) != Ascii.CR) {
        throw new HttpParseException(400, "malformed chunk size line");
      }
      long size = 0;
      int pos = start;
      int digits = 0;
      for (; pos < lf - 1; pos++) {
        int v = Ascii.hexValue(in.getByte(pos));
        if (v < 0) {
          break;
        }
        if (++digits > 15) {
          throw new HttpParseException(400, "chunk size too large");
        }
        size = size * 16 + v;
      }
      if (digits == 0) {
        throw new HttpParseException(400, "malformed chunk size");
      }
      // Anything after the size must be a chunk extension: optional whitespace, then ';'.
      while (pos < lf - 1 && (in.getByte(pos) == Ascii.SP || in.getByte(pos) == Ascii.HTAB)) {
        pos++;
      }
      if (pos < lf - 1) {
        if (in.getByte(pos) != ';') {
          throw new HttpParseException(400, "malformed chunk extension");
        }
        for (; pos < lf - 1; pos++) {
          if (!Ascii.isFieldValueChar(in.getByte(pos))) {
            throw new HttpParseException(400, "invalid character in chunk extension");
          }
        }
      }
      in.readerIndex(lf + 1);
      if (size == 0) {
        state = TRAILER;
      } else {
        remaining = size;
        state = DATA;
      }
      return true;
    }

    private boolean readTrailerLine(ByteBuf in) throws HttpParseException {
      int start = in.readerIndex();
      int lf = in.indexOf(start, in.writerIndex(), Ascii.LF);
      int collected = trailerBytes == null ? 0 : trailerBytes.readableBytes();
      if (lf < 0) {
        if (collected + in.readableBytes() > maxTrailerBytes) {
          throw new HttpParseException(431, "trailer section too large");
        }
        return false;
      }
      int lineLength = lf + 1 - start;
      if (lineLength < 2 || in.getByte(lf - 1) != Ascii.CR) {
        throw new HttpParseException(400, "trailer line does not end with CRLF");
      }
      if (lineLength == 2) {
        in.skipBytes(2);
        finishTrailers();
        state = DONE;
        return true;
      }
      if (collected + lineLength > maxTrailerBytes) {
        throw new HttpParseException(431, "trailer section too large");
      }
      if (trailerBytes == null) {
        trailerBytes = Unpooled.buffer(lineLength);
      }
      trailerBytes.writeBytes(in, lineLength);
      return true;
    }

    private void finishTrailers() throws HttpParseException {
      if (trailerBytes == null) {
        return;
      }
      byte[] bytes = new byte[trailerBytes.readableBytes()];
      trailerBytes.readBytes(bytes);
      trailerBytes = null;
      HeaderFields fields = HeaderFields.parse(bytes, 0, bytes.length, HeadParser.MAX_FIELDS);
      // Framing and per-connection fields cannot come as trailers: they are dropped.
      StringBuilder kept = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        byte kind = fields.kind(i);
        if (kind == HeaderFields.OTHER || kind == HeaderFields.X_FORWARDED_FOR) {
          kept.append(fields.name(i)).append(": ").append(fields.value(i)).append("\r\n");
        }
      }
      trailers = kept.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean isDone() {
      return state == DONE;
    }

    @Override
    public byte[] trailers() {
      return trailers;
    }
  }
}
