package dev.lintel.proxy.h1;

import io.netty.buffer.ByteBuf;

/**
 * Finds where a message head ends in received bytes, across reads: it remembers how far it got, so
 * a head arriving in pieces is scanned once. One per connection direction; {@link #reset} after
 * each head.
 */
public final class HeadScanner {
  private final int maxFirstLine;
  private final int maxFields;
  private final int firstLineStatus;

  /** Bytes from the reader index already known to hold complete, non-blank lines. */
  private int scanned;

  private boolean firstLineSeen;

  /** Length of the first line once seen, CRLF included. */
  private int firstLine;

  /**
   * @param maxFirstLine longest request or status line, CRLF included
   * @param maxFields longest header section after the first line, blank line included
   * @param firstLineStatus status for a too-long first line (414 for requests)
   */
  public HeadScanner(int maxFirstLine, int maxFields, int firstLineStatus) {
    this.maxFirstLine = maxFirstLine;
    this.maxFields = maxFields;
    this.firstLineStatus = firstLineStatus;
  }

  /**
   * Returns the length of the head at {@code in}'s reader index (blank line included), or -1 when
   * it is not complete yet. Consumes nothing.
   *
   * @throws HttpParseException when the head is, or has become, longer than the limits
   */
  public int scan(ByteBuf in) throws HttpParseException {
    int start = in.readerIndex();
    int end = in.writerIndex();
    int pos = start + scanned;
    while (true) {
      int lf = in.indexOf(pos, end, Ascii.LF);
      if (lf < 0) {
        scanned = pos - start;
        checkLimits(end - start);
        return -1;
      }
      if (!firstLineSeen) {
        firstLineSeen = true;
        firstLine = lf + 1 - start;
        if (firstLine > maxFirstLine) {
          throw new HttpParseException(firstLineStatus, "first line too long");
        }
      } else if (lf == pos || (lf == pos + 1 && in.getByte(pos) == Ascii.CR)) {
        int length = lf + 1 - start;
        int fields = length - firstLine;
        reset();
        if (fields > maxFields) {
          throw new HttpParseException(431, "header section too large");
        }
        return length;
      }
      pos = lf + 1;
    }
  }

  private void checkLimits(int pending) throws HttpParseException {
    if (!firstLineSeen && pending > maxFirstLine) {
      throw new HttpParseException(firstLineStatus, "first line too long");
    }
    if (firstLineSeen && pending - firstLine > maxFields) {
      throw new HttpParseException(431, "header section too large");
    }
  }

  /** Forgets a partly scanned head (after a complete one, or when its bytes were discarded). */
  public void reset() {
    scanned = 0;
    firstLineSeen = false;
    firstLine = 0;
  }
}
