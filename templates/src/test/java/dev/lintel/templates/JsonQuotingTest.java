package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonQuotingTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void printableAsciiIsKeptAndQuoted() {
    assertThat(JsonQuoting.quote("default/web:80 # - ? & * ! | > % @ ` { } [ ] , '"))
        .isEqualTo("\"default/web:80 # - ? & * ! | > % @ ` { } [ ] , '\"");
  }

  @Test
  void emptyStringIsAnEmptyStringLiteral() {
    assertThat(JsonQuoting.quote("")).isEqualTo("\"\"");
  }

  @Test
  void quoteAndBackslashAreEscaped() {
    assertThat(JsonQuoting.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void controlAndLineBreakCharactersBecomeUnicodeEscapes() {
    assertThat(JsonQuoting.quote("\r\n\t\0\u0085\u2028\u2029\uFEFF\u007F"))
        .isEqualTo("\"\\u000D\\u000A\\u0009\\u0000\\u0085\\u2028\\u2029\\uFEFF\\u007F\"");
  }

  @Test
  void nonAsciiLettersAreEscapedToo() {
    assertThat(JsonQuoting.quote("é中")).isEqualTo("\"\\u00E9\\u4E2D\"");
  }

  @Test
  void supplementaryCharactersBecomeASurrogatePairOfEscapes() {
    // JSON has no eight-digit escape; both parsers join the two units again.
    assertThat(JsonQuoting.quote("😀")).isEqualTo("\"\\uD83D\\uDE00\"");
    assertThat(JsonQuoting.quote(new String(Character.toChars(0x10FFFF))))
        .isEqualTo("\"\\uDBFF\\uDFFF\"");
  }

  @Test
  void outputIsAlwaysPrintableAscii() {
    String quoted = JsonQuoting.quote(everyChar());
    assertThat(quoted.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
  }

  @Test
  void jsonAndYamlParsersBothReadBackEveryCharacter() throws Exception {
    // Every UTF-16 unit, lone surrogates included, then pairs: the proxy accepts either syntax.
    String all = everyChar() + "\uD800" + "\uDFFF" + "a\uDC00b" + "😀\uD83D\uDC4D";
    String quoted = JsonQuoting.quote(all);

    assertThat(JSON.readValue(quoted, String.class)).isEqualTo(all);
    assertThat(YAML.readValue(quoted, String.class)).isEqualTo(all);
  }

  @Test
  void loneSurrogatesAreWrittenAsTheirOwnEscapeAndReadBackUnchanged() throws Exception {
    for (String value : List.of("\uD800", "\uDFFF", "a\uDC00b", "\uDBFF", "\uDE00\uD83D")) {
      String quoted = JsonQuoting.quote(value);
      assertThat(quoted).matches("\"(a|b|\\\\u[0-9A-F]{4})+\"");
      assertThat(JSON.readValue(quoted, String.class)).isEqualTo(value);
      assertThat(YAML.readValue(quoted, String.class)).isEqualTo(value);
    }
  }

  private static String everyChar() {
    StringBuilder everything = new StringBuilder(0x10000);
    for (int c = 0; c < 0x10000; c++) {
      everything.append((char) c);
    }
    return everything.toString();
  }
}
