package dev.lintel.proxy.h1;

/** Byte-level helpers for the ASCII grammar of HTTP/1.x (RFC 9110 section 5.6). */
final class Ascii {
  static final byte CR = '\r';
  static final byte LF = '\n';
  static final byte SP = ' ';
  static final byte HTAB = '\t';

  /** {@code tchar} of RFC 9110 section 5.6.2. */
  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TOKEN[c] = true;
    }
  }

  private Ascii() {}

  static boolean isToken(byte b) {
    return TOKEN[b & 0xff];
  }

  /** Field-value characters: visible ASCII, obs-text, space and tab; no other control. */
  static boolean isFieldValueChar(byte b) {
    int c = b & 0xff;
    return c >= 0x20 ? c != 0x7f : c == HTAB;
  }

  /** Request-target characters: anything visible; no space, no control. */
  static boolean isTargetChar(byte b) {
    int c = b & 0xff;
    return c > 0x20 && c != 0x7f;
  }

  static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  /** Compares {@code bytes[from, from + lowerName.length)} with a lower-case ASCII name. */
  static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] lowerName) {
    if (to - from != lowerName.length) {
      return false;
    }
    for (int i = 0; i < lowerName.length; i++) {
      if (lower(bytes[from + i]) != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  /** Like {@link #equalsIgnoreCase(byte[], int, int, byte[])}, against a lower-case String. */
  static boolean equalsIgnoreCase(byte[] bytes, int from, int to, String lowerName) {
    if (to - from != lowerName.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if ((lower(bytes[i]) & 0xff) != lowerName.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code bytes[from, to)} are the ISO-8859-1 characters of {@code s}. */
  static boolean equals(byte[] bytes, int from, int to, String s) {
    if (to - from != s.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xff) != s.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  static byte[] bytes(String ascii) {
    return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Value of a hex digit, or -1. */
  static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    byte l = lower(b);
    if (l >= 'a' && l <= 'f') {
      return l - 'a' + 10;
    }
    return -1;
  }
}
