package dev.lintel.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/2 frames written by hand on a plain socket, for tests of what a well-behaved client never
 * sends: floods of resets, of CONTINUATION frames, frames that make the server reset streams. A
 * reader thread records what the server sends back: GOAWAY, resets, response statuses, the close.
 */
public final class RawH2Connection implements AutoCloseable {
  public static final int DATA = 0;
  public static final int HEADERS = 1;
  public static final int RST_STREAM = 3;
  public static final int SETTINGS = 4;
  public static final int GOAWAY = 7;
  public static final int WINDOW_UPDATE = 8;
  public static final int CONTINUATION = 9;
  public static final int END_STREAM = 0x1;
  public static final int END_HEADERS = 0x4;

  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final OutputStream out;
  private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

  /** The GOAWAY error code, once received. */
  public final CompletableFuture<Long> goAway = new CompletableFuture<>();

  /** Completes when the server closed the connection (end of stream or reset). */
  public final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** RST_STREAM frames received. */
  public final AtomicInteger resetsReceived = new AtomicInteger();

  /** Response :status per stream. */
  public final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

  private RawH2Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    Thread reader = new Thread(this::readFrames, "raw-h2-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects, sends the preface and empty SETTINGS. */
  public static RawH2Connection connect(int port) throws IOException {
    RawH2Connection connection =
        new RawH2Connection(new Socket(InetAddress.getLoopbackAddress(), port));
    connection.out.write(PREFACE);
    connection.frame(SETTINGS, 0, 0, new byte[0]);
    connection.flush();
    return connection;
  }

  /** The HPACK block of {@code headers} (the connection's encoder state moves on). */
  public byte[] headerBlock(Http2Headers headers) {
    ByteBuf buf = Unpooled.buffer();
    try {
      encoder.encodeHeaders(0, headers, buf);
    } catch (Http2Exception e) {
      throw new IllegalArgumentException("cannot encode " + headers, e);
    }
    byte[] block = new byte[buf.readableBytes()];
    buf.readBytes(block);
    return block;
  }

  /** Writes one frame (unflushed). */
  public synchronized void frame(int type, int flags, int streamId, byte[] payload)
      throws IOException {
    byte[] header = new byte[9];
    header[0] = (byte) (payload.length >>> 16);
    header[1] = (byte) (payload.length >>> 8);
    header[2] = (byte) payload.length;
    header[3] = (byte) type;
    header[4] = (byte) flags;
    header[5] = (byte) (streamId >>> 24);
    header[6] = (byte) (streamId >>> 16);
    header[7] = (byte) (streamId >>> 8);
    header[8] = (byte) streamId;
    out.write(header);
    out.write(payload);
  }

  /** RST_STREAM with CANCEL. */
  public void reset(int streamId) throws IOException {
    frame(RST_STREAM, 0, streamId, new byte[] {0, 0, 0, 8});
  }

  /** WINDOW_UPDATE with an increment of {@code increment}. */
  public void windowUpdate(int streamId, int increment) throws IOException {
    frame(
        WINDOW_UPDATE,
        0,
        streamId,
        new byte[] {
          (byte) (increment >>> 24),
          (byte) (increment >>> 16),
          (byte) (increment >>> 8),
          (byte) increment
        });
  }

  public synchronized void flush() throws IOException {
    out.flush();
  }

  private void readFrames() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (type == GOAWAY) {
          goAway.complete(
              (long)
                  ((payload[4] & 0xff) << 24
                      | (payload[5] & 0xff) << 16
                      | (payload[6] & 0xff) << 8
                      | (payload[7] & 0xff)));
        } else if (type == RST_STREAM) {
          resetsReceived.incrementAndGet();
        } else if (type == HEADERS && (flags & END_HEADERS) != 0) {
          Http2Headers headers = decoder.decodeHeaders(streamId, Unpooled.wrappedBuffer(payload));
          if (headers.status() != null) {
            statuses.putIfAbsent(streamId, Integer.parseInt(headers.status().toString()));
          }
        } else if (type == SETTINGS && (flags & 0x1) == 0) {
          synchronized (this) {
            frame(SETTINGS, 0x1, 0, new byte[0]); // ack
            out.flush();
          }
        }
      }
    } catch (IOException | Http2Exception e) {
      closed.complete(null);
    }
  }

  /** Whether the server has closed the connection. */
  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
