package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlQuotingTest {
  @Test
  void printableAsciiIsKeptAndQuoted() {
    assertThat(YamlQuoting.quote("default/web:80 # - ? & * ! | > % @ `"))
        .isEqualTo("\"default/web:80 # - ? & * ! | > % @ `\"");
  }

  @Test
  void emptyStringIsAnEmptyQuotedScalar() {
    assertThat(YamlQuoting.quote("")).isEqualTo("\"\"");
  }

  @Test
  void quoteAndBackslashAreEscaped() {
    assertThat(YamlQuoting.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void controlAndLineBreakCharactersBecomeUnicodeEscapes() {
    assertThat(YamlQuoting.quote("\r\n\t\0\u0085\u2028\u2029\uFEFF\u007F"))
        .isEqualTo("\"\\u000D\\u000A\\u0009\\u0000\\u0085\\u2028\\u2029\\uFEFF\\u007F\"");
  }

  @Test
  void nonAsciiLettersAreEscapedToo() {
    assertThat(YamlQuoting.quote("é中")).isEqualTo("\"\\u00E9\\u4E2D\"");
  }

  @Test
  void supplementaryCharactersUseOneLongEscape() {
    assertThat(YamlQuoting.quote("😀")).isEqualTo("\"\\U0001F600\"");
  }

  @Test
  void outputIsAlwaysPrintableAscii() {
    StringBuilder everything = new StringBuilder();
    for (int c = 0; c < 0x10000; c++) {
      if (!Character.isSurrogate((char) c)) {
        everything.append((char) c);
      }
    }
    everything.appendCodePoint(0x10FFFF);
    String quoted = YamlQuoting.quote(everything.toString());
    assertThat(quoted.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
  }
}
