package dev.lintel.templates;

/**
 * Turns any string into one YAML double-quoted scalar, quotes included, whose text is printable
 * ASCII only.
 *
 * <p>Why everything outside printable ASCII is escaped, even printable letters like {@code é}: YAML
 * parsers disagree on which characters may appear raw (SnakeYAML rejects NUL and most C0/C1
 * controls, folds CR/LF/NEL/LS/PS line breaks inside quoted scalars, and strips a BOM). An
 * ASCII-only result avoids every one of those rules, so the parser's only job is to undo four
 * escapes that YAML 1.1 and 1.2 both define: backslash before a quote or a backslash, and backslash
 * u (4 hex digits) or backslash U (8 hex digits) for a code point.
 */
final class YamlQuoting {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private YamlQuoting() {}

  /** The YAML double-quoted scalar that reads back as exactly {@code value}. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    appendQuoted(value, out);
    return out.toString();
  }

  static void appendQuoted(String value, StringBuilder out) {
    out.append('"');
    int length = value.length();
    int i = 0;
    while (i < length) {
      int codePoint = value.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == '"' || codePoint == '\\') {
        out.append('\\').append((char) codePoint);
      } else if (codePoint >= 0x20 && codePoint <= 0x7E) {
        out.append((char) codePoint);
      } else if (codePoint <= 0xFFFF) {
        // A lone surrogate lands here too and is written as its own \\uXXXX: the text stays ASCII,
        // and whether the parser accepts it is left to the round-trip gate.
        out.append("\\u");
        appendHex(codePoint, 4, out);
      } else {
        out.append("\\U");
        appendHex(codePoint, 8, out);
      }
    }
    out.append('"');
  }

  private static void appendHex(int value, int digits, StringBuilder out) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(value >>> shift) & 0xF]);
    }
  }
}
