package dev.lintel.proxy.h1;

import io.netty.buffer.ByteBuf;

/**
 * Where one connection parses its message heads: one byte array, one set of field offsets and one
 * parsed head of each kind, reused for every head instead of allocated per message. Under steady
 * load the proxy's latency tail comes from young-generation collections (each pause delays every
 * request arriving during it), and per-message head copies, offset arrays and head objects were two
 * thirds of what a request allocated.
 *
 * <p>A head returned by {@link #parseRequest} or {@link #parseResponse} stays valid only until the
 * next call on the same buffer. Connections handle one message at a time and are done with a head
 * before they parse the next, which is what makes this safe.
 */
public final class HeadBuffer {
  /**
   * Heads up to this size keep their array for the next message; a larger one (allowed up to the
   * scanner's limits) gets a one-off array, so an idle connection never holds more than this.
   */
  static final int KEEP_BYTES = 4096;

  private static final int INITIAL_BYTES = 512;

  private byte[] bytes;
  private HeaderFields fields;
  private final RequestHead request = new RequestHead();
  private final ResponseHead response = new ResponseHead();

  /** Takes the next {@code length} bytes of {@code in} (a whole head) and parses a request. */
  public RequestHead parseRequest(ByteBuf in, int length) throws HttpParseException {
    return HeadParser.parseRequest(take(in, length), length, fields(), request);
  }

  /** Takes the next {@code length} bytes of {@code in} (a whole head) and parses a response. */
  public ResponseHead parseResponse(ByteBuf in, int length) throws HttpParseException {
    return HeadParser.parseResponse(take(in, length), length, fields(), response);
  }

  private byte[] take(ByteBuf in, int length) {
    byte[] target;
    if (length > KEEP_BYTES) {
      target = new byte[length];
    } else {
      if (bytes == null || bytes.length < length) {
        bytes = new byte[Math.max(INITIAL_BYTES, Integer.highestOneBit(length - 1) << 1)];
      }
      target = bytes;
    }
    in.readBytes(target, 0, length);
    return target;
  }

  private HeaderFields fields() {
    if (fields == null) {
      fields = HeaderFields.reusable();
    }
    return fields;
  }
}
