package dev.lintel.proxy.h1;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header fields of one message head, kept as offsets into the head's bytes. Each field also
 * gets a {@linkplain #kind kind}: the few names the proxy acts on are recognised once, while
 * parsing, so that forwarding is a single pass that copies every other line as it came.
 */
public final class HeaderFields {
  public static final byte OTHER = 0;
  public static final byte HOST = 1;
  public static final byte CONTENT_LENGTH = 2;
  public static final byte TRANSFER_ENCODING = 3;
  public static final byte CONNECTION = 4;
  public static final byte KEEP_ALIVE = 5;
  public static final byte PROXY_CONNECTION = 6;
  public static final byte TE = 7;
  public static final byte TRAILER = 8;
  public static final byte UPGRADE = 9;
  public static final byte EXPECT = 10;
  public static final byte X_FORWARDED_FOR = 11;
  public static final byte X_FORWARDED_PROTO = 12;
  public static final byte X_FORWARDED_HOST = 13;

  /** A header that a {@code Connection} header names: per-connection, never forwarded. */
  public static final byte NOMINATED = 14;

  private static final byte[] N_HOST = Ascii.bytes("host");
  private static final byte[] N_CONTENT_LENGTH = Ascii.bytes("content-length");
  private static final byte[] N_TRANSFER_ENCODING = Ascii.bytes("transfer-encoding");
  private static final byte[] N_CONNECTION = Ascii.bytes("connection");
  private static final byte[] N_KEEP_ALIVE = Ascii.bytes("keep-alive");
  private static final byte[] N_PROXY_CONNECTION = Ascii.bytes("proxy-connection");
  private static final byte[] N_TE = Ascii.bytes("te");
  private static final byte[] N_TRAILER = Ascii.bytes("trailer");
  private static final byte[] N_UPGRADE = Ascii.bytes("upgrade");
  private static final byte[] N_EXPECT = Ascii.bytes("expect");
  private static final byte[] N_X_FORWARDED_FOR = Ascii.bytes("x-forwarded-for");
  private static final byte[] N_X_FORWARDED_PROTO = Ascii.bytes("x-forwarded-proto");
  private static final byte[] N_X_FORWARDED_HOST = Ascii.bytes("x-forwarded-host");

  /** Token flags returned by {@link #tokens}. */
  static final int FIRST = 1;

  static final int FIRST_AGAIN = 2;
  static final int SECOND = 4;
  static final int OTHER_TOKEN = 8;

  private byte[] bytes;

  /** Per field: name start, name end, value start, value end. */
  private int[] offsets;

  private byte[] kinds;
  private int size;

  private HeaderFields(int capacity) {
    this.offsets = new int[capacity * 4];
    this.kinds = new byte[capacity];
  }

  /**
   * An empty set for one connection to parse every head into (see {@link HeadBuffer}): a set
   * allocated per message was a large share of the proxy's allocation per request, and young
   * collections drive the latency tail under steady load.
   */
  static HeaderFields reusable() {
    return new HeaderFields(16);
  }

  /**
   * Parses the field lines in {@code bytes[from, to)}, each ending with CRLF (the blank line that
   * ends a head is not part of the range).
   *
   * @param maxFields more fields than this is an error (431)
   */
  static HeaderFields parse(byte[] bytes, int from, int to, int maxFields)
      throws HttpParseException {
    HeaderFields fields = new HeaderFields(lineCount(bytes, from, to));
    fields.parseInto(bytes, from, to, maxFields);
    return fields;
  }

  /** Like {@link #parse}, into this set, which forgets what it held. */
  void parseInto(byte[] bytes, int from, int to, int maxFields) throws HttpParseException {
    this.bytes = bytes;
    this.size = 0;
    HeaderFields fields = this;
    int pos = from;
    while (pos < to) {
      int nameStart = pos;
      byte b = bytes[pos];
      if (b == Ascii.SP || b == Ascii.HTAB) {
        throw new HttpParseException(400, "obsolete line folding in header field");
      }
      while (pos < to && Ascii.isToken(bytes[pos])) {
        pos++;
      }
      if (pos == nameStart || pos == to || bytes[pos] != ':') {
        throw new HttpParseException(400, "malformed header field name");
      }
      int nameEnd = pos++;
      while (pos < to && (bytes[pos] == Ascii.SP || bytes[pos] == Ascii.HTAB)) {
        pos++;
      }
      int valueStart = pos;
      while (pos < to && bytes[pos] != Ascii.CR) {
        if (!Ascii.isFieldValueChar(bytes[pos])) {
          throw new HttpParseException(400, "invalid character in header field value");
        }
        pos++;
      }
      if (pos + 1 >= to || bytes[pos + 1] != Ascii.LF) {
        throw new HttpParseException(400, "header line does not end with CRLF");
      }
      int valueEnd = pos;
      while (valueEnd > valueStart
          && (bytes[valueEnd - 1] == Ascii.SP || bytes[valueEnd - 1] == Ascii.HTAB)) {
        valueEnd--;
      }
      if (fields.size == maxFields) {
        throw new HttpParseException(431, "too many header fields");
      }
      fields.add(nameStart, nameEnd, valueStart, valueEnd, classify(bytes, nameStart, nameEnd));
      pos += 2;
    }
  }

  /** Sizes the offset arrays of a one-off set exactly. */
  private static int lineCount(byte[] bytes, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == Ascii.LF) {
        lines++;
      }
    }
    return Math.max(1, lines);
  }

  private void add(int nameStart, int nameEnd, int valueStart, int valueEnd, byte kind) {
    if (size == kinds.length) {
      kinds = Arrays.copyOf(kinds, size * 2);
      offsets = Arrays.copyOf(offsets, size * 8);
    }
    int o = size * 4;
    offsets[o] = nameStart;
    offsets[o + 1] = nameEnd;
    offsets[o + 2] = valueStart;
    offsets[o + 3] = valueEnd;
    kinds[size++] = kind;
  }

  /** Recognises a name by its length first: most names match no candidate at all. */
  private static byte classify(byte[] b, int from, int to) {
    switch (to - from) {
      case 2:
        return Ascii.equalsIgnoreCase(b, from, to, N_TE) ? TE : OTHER;
      case 4:
        return Ascii.equalsIgnoreCase(b, from, to, N_HOST) ? HOST : OTHER;
      case 6:
        return Ascii.equalsIgnoreCase(b, from, to, N_EXPECT) ? EXPECT : OTHER;
      case 7:
        if (Ascii.equalsIgnoreCase(b, from, to, N_TRAILER)) {
          return TRAILER;
        }
        return Ascii.equalsIgnoreCase(b, from, to, N_UPGRADE) ? UPGRADE : OTHER;
      case 10:
        if (Ascii.equalsIgnoreCase(b, from, to, N_CONNECTION)) {
          return CONNECTION;
        }
        return Ascii.equalsIgnoreCase(b, from, to, N_KEEP_ALIVE) ? KEEP_ALIVE : OTHER;
      case 14:
        return Ascii.equalsIgnoreCase(b, from, to, N_CONTENT_LENGTH) ? CONTENT_LENGTH : OTHER;
      case 15:
        return Ascii.equalsIgnoreCase(b, from, to, N_X_FORWARDED_FOR) ? X_FORWARDED_FOR : OTHER;
      case 16:
        if (Ascii.equalsIgnoreCase(b, from, to, N_PROXY_CONNECTION)) {
          return PROXY_CONNECTION;
        }
        return Ascii.equalsIgnoreCase(b, from, to, N_X_FORWARDED_HOST) ? X_FORWARDED_HOST : OTHER;
      case 17:
        if (Ascii.equalsIgnoreCase(b, from, to, N_TRANSFER_ENCODING)) {
          return TRANSFER_ENCODING;
        }
        return Ascii.equalsIgnoreCase(b, from, to, N_X_FORWARDED_PROTO) ? X_FORWARDED_PROTO : OTHER;
      default:
        return OTHER;
    }
  }

  /** Whether a field of this kind describes one connection only (RFC 9110 section 7.6.1). */
  public static boolean isHopByHop(byte kind) {
    switch (kind) {
      case CONNECTION:
      case KEEP_ALIVE:
      case PROXY_CONNECTION:
      case TE:
      case TRAILER:
      case UPGRADE:
      case TRANSFER_ENCODING:
      case NOMINATED:
        return true;
      default:
        return false;
    }
  }

  public int size() {
    return size;
  }

  public byte kind(int i) {
    return kinds[i];
  }

  /** The bytes the offsets point into (the whole head). */
  public byte[] bytes() {
    return bytes;
  }

  public int nameStart(int i) {
    return offsets[i * 4];
  }

  public int nameEnd(int i) {
    return offsets[i * 4 + 1];
  }

  public int valueStart(int i) {
    return offsets[i * 4 + 2];
  }

  public int valueEnd(int i) {
    return offsets[i * 4 + 3];
  }

  public String name(int i) {
    return new String(bytes, nameStart(i), nameEnd(i) - nameStart(i), StandardCharsets.ISO_8859_1);
  }

  public String value(int i) {
    return new String(
        bytes, valueStart(i), valueEnd(i) - valueStart(i), StandardCharsets.ISO_8859_1);
  }

  /** Index of the first field of a kind, or -1. */
  public int indexOf(byte kind) {
    for (int i = 0; i < size; i++) {
      if (kinds[i] == kind) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The value of a header by name, the values of a repeated header joined with {@code ","}, or null
   * when there is none.
   *
   * @param lowerName the name in lower case
   */
  public String joinedValues(String lowerName) {
    String joined = null;
    for (int i = 0; i < size; i++) {
      if (Ascii.equalsIgnoreCase(bytes, nameStart(i), nameEnd(i), lowerName)) {
        joined = joined == null ? value(i) : joined + "," + value(i);
      }
    }
    return joined;
  }

  /**
   * Whether the first field named {@code lowerName} has a value that starts with {@code
   * lowerPrefix}, compared in any case, without copying the value out.
   */
  public boolean valueStartsWith(String lowerName, String lowerPrefix) {
    for (int i = 0; i < size; i++) {
      if (Ascii.equalsIgnoreCase(bytes, nameStart(i), nameEnd(i), lowerName)) {
        int start = valueStart(i);
        return valueEnd(i) - start >= lowerPrefix.length()
            && Ascii.equalsIgnoreCase(bytes, start, start + lowerPrefix.length(), lowerPrefix);
      }
    }
    return false;
  }

  /** The first value of a header by name (any case), or null. */
  public String get(String name) {
    byte[] lower = Ascii.bytes(name.toLowerCase(java.util.Locale.ROOT));
    for (int i = 0; i < size; i++) {
      if (Ascii.equalsIgnoreCase(bytes, nameStart(i), nameEnd(i), lower)) {
        return value(i);
      }
    }
    return null;
  }

  /**
   * Classifies the comma-separated tokens of every field of a kind (Connection and
   * Transfer-Encoding, whose values are case-insensitive token lists) against two candidates.
   * Returns {@link #FIRST}, {@link #FIRST_AGAIN} (the first candidate more than once), {@link
   * #SECOND} and {@link #OTHER_TOKEN} as flags. A loop rather than a visitor callback: this runs
   * for most messages and a capturing lambda is an allocation each time.
   *
   * @param nominateOthers mark the fields that other tokens name as {@link #NOMINATED}
   */
  int tokens(byte kind, byte[] first, byte[] second, boolean nominateOthers) {
    int flags = 0;
    for (int i = 0; i < size; i++) {
      if (kinds[i] != kind) {
        continue;
      }
      int end = valueEnd(i);
      int pos = valueStart(i);
      while (pos < end) {
        while (pos < end
            && (bytes[pos] == ',' || bytes[pos] == Ascii.SP || bytes[pos] == Ascii.HTAB)) {
          pos++;
        }
        int start = pos;
        while (pos < end && bytes[pos] != ',') {
          pos++;
        }
        int tokenEnd = pos;
        while (tokenEnd > start
            && (bytes[tokenEnd - 1] == Ascii.SP || bytes[tokenEnd - 1] == Ascii.HTAB)) {
          tokenEnd--;
        }
        if (tokenEnd == start) {
          continue;
        }
        if (Ascii.equalsIgnoreCase(bytes, start, tokenEnd, first)) {
          flags |= (flags & FIRST) != 0 ? FIRST_AGAIN : FIRST;
        } else if (second != null && Ascii.equalsIgnoreCase(bytes, start, tokenEnd, second)) {
          flags |= SECOND;
        } else {
          flags |= OTHER_TOKEN;
          if (nominateOthers) {
            nominate(bytes, start, tokenEnd);
          }
        }
      }
    }
    return flags;
  }

  /** Marks the fields a Connection header names as {@link #NOMINATED}. */
  void nominate(byte[] from, int start, int end) {
    for (int i = 0; i < size; i++) {
      if (kinds[i] == OTHER
          || kinds[i] == X_FORWARDED_FOR
          || kinds[i] == X_FORWARDED_HOST
          || kinds[i] == X_FORWARDED_PROTO) {
        if (nameEnd(i) - nameStart(i) == end - start && regionEqualsIgnoreCase(i, from, start)) {
          kinds[i] = NOMINATED;
        }
      }
    }
  }

  private boolean regionEqualsIgnoreCase(int field, byte[] other, int otherStart) {
    int from = nameStart(field);
    int length = nameEnd(field) - from;
    for (int k = 0; k < length; k++) {
      if (Ascii.lower(bytes[from + k]) != Ascii.lower(other[otherStart + k])) {
        return false;
      }
    }
    return true;
  }
}
