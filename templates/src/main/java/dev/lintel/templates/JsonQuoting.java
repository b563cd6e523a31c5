package dev.lintel.templates;

/**
 * Turns any string into one JSON string literal, quotes included, whose text is printable ASCII
 * only and which reads back as the same string through a JSON parser and through a YAML parser.
 *
 * <p>Why everything outside printable ASCII is escaped, even printable letters like {@code é}: the
 * proxy reads the config as JSON, but the text is also documented (and tested) as YAML, and YAML
 * parsers disagree on which characters may appear raw (SnakeYAML rejects NUL and most C0/C1
 * controls, folds CR/LF/NEL/LS/PS line breaks inside quoted scalars, and strips a BOM). An
 * ASCII-only result avoids every one of those rules, so either parser only has to undo the three
 * escapes that JSON and YAML double-quoted scalars share: backslash before a quote, backslash
 * before a backslash, and backslash u with four hex digits for one UTF-16 unit.
 *
 * <p>A character outside the BMP is therefore written as its surrogate pair, two such escapes
 * (U+1F600 as backslash u D83D, backslash u DE00): JSON has no longer escape. Both parsers put the
 * two units back side by side, which is the same Java string. A lone surrogate (not Unicode text,
 * so no Kubernetes object can carry one) is written the same way, as its single unit, and reads
 * back unchanged from both parsers too: neither checks that escaped units pair up.
 */
final class JsonQuoting {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonQuoting() {}

  /** The JSON string literal that reads back as exactly {@code value}. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    appendQuoted(value, out);
    return out.toString();
  }

  static void appendQuoted(String value, StringBuilder out) {
    out.append('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c <= 0x7E) {
        out.append(c);
      } else {
        // Per UTF-16 unit, not per code point: that is what yields the surrogate pairs.
        out.append("\\u")
            .append(HEX[c >>> 12])
            .append(HEX[(c >>> 8) & 0xF])
            .append(HEX[(c >>> 4) & 0xF])
            .append(HEX[c & 0xF]);
      }
    }
    out.append('"');
  }
}
