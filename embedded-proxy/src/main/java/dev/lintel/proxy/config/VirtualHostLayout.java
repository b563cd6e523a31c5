package dev.lintel.proxy.config;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where the virtual hosts ({@code listeners[i].virtualHosts[j]}) of a JSON config lie in its bytes,
 * found by a structural scan that decodes nothing: the incremental parser compares these byte
 * ranges with the previous file's to find the virtual hosts it can reuse.
 *
 * <p>Given the previous text and its layout, a scan skips (without reading them) the virtual hosts
 * that lie in the part both texts start with or in the part both end with: their bytes are the same
 * as before. A reload that adds one host to 10,000 reads the skeleton around the hosts and the one
 * new host, not 3 MB.
 *
 * <p>The scan only has to be right for documents that Jackson accepts: {@link #scan} returns null
 * for anything it does not fully understand (escaped keys, a virtual host that is not an object,
 * broken structure), and the caller then parses the whole text the ordinary way. Whatever it
 * returns is checked again by the strict parse of the rest of the document.
 */
final class VirtualHostLayout {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] LISTENERS = {'l', 'i', 's', 't', 'e', 'n', 'e', 'r', 's'};
  private static final byte[] VIRTUAL_HOSTS = {
    'v', 'i', 'r', 't', 'u', 'a', 'l', 'H', 'o', 's', 't', 's'
  };

  /** Start (at <code>{</code>) and end (after <code>}</code>) of each virtual host, in order. */
  final int[] starts;

  final int[] ends;

  /** The listener index each virtual host belongs to, in document order of the listeners. */
  final int[] listeners;

  /**
   * For each virtual host, the index in the previous layout of a virtual host with the very same
   * bytes (found in the common prefix or suffix of the two texts), or -1.
   */
  final int[] previous;

  /** Number of virtual hosts found. */
  final int size;

  private VirtualHostLayout(int[] starts, int[] ends, int[] listeners, int[] previous, int size) {
    this.starts = starts;
    this.ends = ends;
    this.listeners = listeners;
    this.previous = previous;
    this.size = size;
  }

  /** A cheap hash of virtual host {@code i}'s bytes; equal bytes give equal hashes. */
  long hash(byte[] json, int i) {
    return hash(json, starts[i], ends[i]);
  }

  /** Eight bytes per step: this runs over the whole config on every reload. */
  static long hash(byte[] bytes, int from, int to) {
    long h = to - from;
    int i = from;
    for (int end = to - 7; i < end; i += 8) {
      h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E37_79B9_7F4A_7C15L;
      h ^= h >>> 29;
    }
    for (; i < to; i++) {
      h = (h ^ bytes[i]) * 0x9E37_79B9_7F4A_7C15L;
    }
    return h ^ (h >>> 32);
  }

  /**
   * Scans an ASCII JSON config. Returns null when the layout is not the expected {@code
   * {"listeners":[{"virtualHosts":[{...}, ...]}, ...]}} shape (fields in any order, other fields
   * skipped) or the structure is broken.
   */
  static VirtualHostLayout scan(byte[] json) {
    return scan(json, null, null);
  }

  /**
   * {@link #scan(byte[])}, skipping the virtual hosts that {@code before} (the layout of {@code
   * beforeText}) has in the common prefix or suffix of the two texts.
   */
  static VirtualHostLayout scan(byte[] json, byte[] beforeText, VirtualHostLayout before) {
    Scanner scanner = new Scanner(json);
    if (before != null) {
      int prefix = Arrays.mismatch(beforeText, json);
      if (prefix < 0) {
        prefix = json.length;
      }
      int suffix =
          commonSuffix(beforeText, json, Math.min(json.length, beforeText.length) - prefix);
      scanner.presize(before.size);
      scanner.known =
          new Known(before, prefix, beforeText.length - suffix, json.length - beforeText.length);
    }
    try {
      scanner.root();
    } catch (Malformed e) {
      return null;
    }
    return new VirtualHostLayout(
        Arrays.copyOf(scanner.starts, scanner.size),
        Arrays.copyOf(scanner.ends, scanner.size),
        Arrays.copyOf(scanner.listenerOf, scanner.size),
        Arrays.copyOf(scanner.previous, scanner.size),
        scanner.size);
  }

  /** The length of the longest common suffix of {@code a} and {@code b}, at most {@code max}. */
  static int commonSuffix(byte[] a, byte[] b, int max) {
    int n = 0;
    int i = a.length;
    int j = b.length;
    // Eight bytes per step while they match: the suffix is usually most of a 3 MB text.
    while (n + 8 <= max && (long) LONGS.get(a, i - 8) == (long) LONGS.get(b, j - 8)) {
      n += 8;
      i -= 8;
      j -= 8;
    }
    while (n < max && a[i - 1] == b[j - 1]) {
      n++;
      i--;
      j--;
    }
    return n;
  }

  /**
   * The previous layout's virtual hosts that are known to be unchanged: those inside the common
   * prefix ({@code end <= prefixEnd}) keep their offset, those inside the common suffix ({@code
   * start >= suffixStart}, in the previous text) moved by {@code shift}. Visited in document order,
   * so two cursors find them without a search.
   */
  private static final class Known {
    private final VirtualHostLayout layout;
    private final int prefixEnd;
    private final int suffixStart;
    private final int shift;
    private int prefixCursor;
    private int suffixCursor;

    Known(VirtualHostLayout layout, int prefixEnd, int suffixStart, int shift) {
      this.layout = layout;
      this.prefixEnd = prefixEnd;
      this.suffixStart = suffixStart;
      this.shift = shift;
    }

    /** The previous index of an unchanged virtual host starting at {@code pos}, or -1. */
    int at(int pos) {
      int[] starts = layout.starts;
      while (prefixCursor < layout.size && starts[prefixCursor] < pos) {
        prefixCursor++;
      }
      if (prefixCursor < layout.size
          && starts[prefixCursor] == pos
          && layout.ends[prefixCursor] <= prefixEnd) {
        return prefixCursor;
      }
      int old = pos - shift;
      while (suffixCursor < layout.size && starts[suffixCursor] < old) {
        suffixCursor++;
      }
      if (suffixCursor < layout.size && starts[suffixCursor] == old && old >= suffixStart) {
        return suffixCursor;
      }
      return -1;
    }
  }

  /** Thrown inside the scan; never escapes {@link #scan}. */
  private static final class Malformed extends Exception {
    Malformed() {
      super(null, null, false, false);
    }
  }

  /** One scan: a recursive descent over the three levels that matter, a skip for the rest. */
  private static final class Scanner {
    private static final Malformed MALFORMED = new Malformed();

    private final byte[] b;
    private int pos;
    int[] starts = new int[64];
    int[] ends = new int[64];
    int[] listenerOf = new int[64];
    int[] previous = new int[64];
    int size;
    Known known;
    private int listenerCount;

    Scanner(byte[] json) {
      this.b = json;
    }

    /** Sized like the previous layout: a reload rarely changes the count much. */
    void presize(int hosts) {
      int capacity = Math.max(64, hosts + hosts / 8);
      starts = new int[capacity];
      ends = new int[capacity];
      listenerOf = new int[capacity];
      previous = new int[capacity];
    }

    void root() throws Malformed {
      skipWhitespace();
      object(Level.ROOT);
      skipWhitespace();
      if (pos != b.length) {
        throw MALFORMED;
      }
    }

    /** The level of an object whose members are being read. */
    private enum Level {
      ROOT,
      LISTENER
    }

    private void object(Level level) throws Malformed {
      expect('{');
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return;
      }
      while (true) {
        int keyStart = pos + 1;
        string();
        int keyEnd = pos - 1;
        skipWhitespace();
        expect(':');
        skipWhitespace();
        if (level == Level.ROOT && keyIs(keyStart, keyEnd, LISTENERS) && peek() == '[') {
          listenerArray();
        } else if (level == Level.LISTENER
            && keyIs(keyStart, keyEnd, VIRTUAL_HOSTS)
            && peek() == '[') {
          virtualHostArray();
        } else {
          value();
        }
        skipWhitespace();
        byte c = next();
        if (c == '}') {
          return;
        }
        if (c != ',') {
          throw MALFORMED;
        }
        skipWhitespace();
      }
    }

    private void listenerArray() throws Malformed {
      expect('[');
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return;
      }
      while (true) {
        if (peek() != '{') {
          throw MALFORMED; // Jackson rejects it; let it say why
        }
        object(Level.LISTENER);
        listenerCount++;
        if (endOfArrayElement()) {
          return;
        }
      }
    }

    private void virtualHostArray() throws Malformed {
      expect('[');
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return;
      }
      while (true) {
        if (peek() != '{') {
          throw MALFORMED;
        }
        int start = pos;
        int before = known == null ? -1 : known.at(start);
        if (before < 0) {
          value();
        } else {
          // The same bytes as a complete object of the previous text: nothing to read.
          pos += known.layout.ends[before] - known.layout.starts[before];
        }
        add(start, pos, before);
        if (endOfArrayElement()) {
          return;
        }
      }
    }

    /** After an element: true at the closing bracket, false after a comma. */
    private boolean endOfArrayElement() throws Malformed {
      skipWhitespace();
      byte c = next();
      if (c == ']') {
        return true;
      }
      if (c != ',') {
        throw MALFORMED;
      }
      skipWhitespace();
      return false;
    }

    private void add(int start, int end, int before) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
        listenerOf = Arrays.copyOf(listenerOf, size * 2);
        previous = Arrays.copyOf(previous, size * 2);
      }
      starts[size] = start;
      ends[size] = end;
      listenerOf[size] = listenerCount;
      previous[size] = before;
      size++;
    }

    /**
     * Skips any value: containers by bracket depth (only strings can hide a bracket), scalars up to
     * the next delimiter. Their syntax is Jackson's to check.
     */
    private void value() throws Malformed {
      byte c = peek();
      if (c == '"') {
        string();
        return;
      }
      if (c == '{' || c == '[') {
        int depth = 0;
        while (true) {
          c = next();
          if (c == '"') {
            pos--;
            string();
          } else if (c == '{' || c == '[') {
            depth++;
          } else if (c == '}' || c == ']') {
            if (--depth == 0) {
              return;
            }
          }
        }
      }
      int start = pos;
      while (pos < b.length) {
        c = b[pos];
        if (c == ',' || c == '}' || c == ']' || isWhitespace(c)) {
          break;
        }
        pos++;
      }
      if (pos == start) {
        throw MALFORMED;
      }
    }

    /** Skips a string; escapes are skipped whole, so an escaped quote does not end it. */
    private void string() throws Malformed {
      expect('"');
      while (true) {
        byte c = next();
        if (c == '"') {
          return;
        }
        if (c == '\\') {
          next();
        }
      }
    }

    /** A key with an escape ({@code "\u006cisteners"}) is not recognised: the scan gives up. */
    private boolean keyIs(int start, int end, byte[] name) throws Malformed {
      for (int i = start; i < end; i++) {
        if (b[i] == '\\') {
          throw MALFORMED;
        }
      }
      return Arrays.equals(b, start, end, name, 0, name.length);
    }

    private void skipWhitespace() {
      while (pos < b.length && isWhitespace(b[pos])) {
        pos++;
      }
    }

    private static boolean isWhitespace(byte c) {
      return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private byte peek() throws Malformed {
      if (pos >= b.length) {
        throw MALFORMED;
      }
      return b[pos];
    }

    private byte next() throws Malformed {
      if (pos >= b.length) {
        throw MALFORMED;
      }
      return b[pos++];
    }

    private void expect(char c) throws Malformed {
      if (next() != c) {
        throw MALFORMED;
      }
    }
  }
}
