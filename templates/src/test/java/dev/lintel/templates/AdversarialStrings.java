package dev.lintel.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Strings chosen to break a template that does not escape: JSON and YAML syntax (the config is JSON
 * and must read the same as YAML), escapes written as text, line breaks a YAML parser folds or
 * rejects, Freemarker syntax, and random text.
 *
 * <p>Lone surrogates are left out on purpose: they are not Unicode text, so no Kubernetes object
 * (JSON, UTF-8) can carry one into the model. What the renderer does with one is covered
 * separately: it reads back unchanged too.
 */
final class AdversarialStrings {
  static final List<String> FIXED =
      List.of(
          "",
          " ",
          "\"",
          "'",
          "\\",
          "\\\"",
          "\"\\",
          "\r",
          "\n",
          "\r\n",
          "\0",
          "\t",
          "\u2028",
          "\u2029",
          "\u0085",
          "\uFEFF",
          "\uFEFFbom-first",
          "\u007F\u0080\u009F",
          "😀",
          "a😀b\uD83D\uDC4D\uDBFF\uDFFF",
          "${x}",
          "${config.gateway}",
          "<#assign x=1>",
          "[#if 1][/#if]",
          "#{1}",
          "<#-- -->",
          "<#--",
          "-->",
          "<@x/>",
          ":",
          "-",
          "?",
          "&",
          "*",
          "!",
          "|",
          ">",
          "%",
          "@",
          "#",
          "`",
          "{",
          "}",
          "[",
          "]",
          ",",
          "key: value",
          "- item",
          "&anchor",
          "*alias",
          "!!binary",
          "!!python/object:os.system",
          "!<tag:yaml.org,2002:str>",
          "---",
          "...",
          "--- !!map\n",
          "%YAML 1.2",
          "  leading",
          "trailing  ",
          " both ",
          "null",
          "Null",
          "NULL",
          "~",
          "true",
          "false",
          "yes",
          "no",
          "on",
          "off",
          "y",
          "n",
          "0x10",
          "0o17",
          "017",
          "1e3",
          "1_000",
          "-1",
          "+1",
          ".inf",
          "-.inf",
          ".nan",
          "2001-12-14t21:59:43.10-05:00",
          "<<",
          "=",
          "x\"\nlisteners: []",
          "\"\nversion: 2\n#",
          "a\n  injected: true",
          "a\\\"\n- b",
          "é ü ß 中文 العربية",
          "tab\there",
          "a # comment",
          "a #comment\n---\nb",
          "x\",\"gateway\":\"evil",
          "\"}]}]}]}",
          "\\u0022",
          "\\uD83D\\uDE00",
          "\\U0001F600",
          "\\n",
          "\\/",
          "// comment",
          "/* comment */",
          "\u001F\u0001",
          "\n---\n",
          "\n...\n");

  private AdversarialStrings() {}

  /** The fixed corpus, then 4,096-character mixes of it, then random BMP text; same every run. */
  static List<String> all() {
    Random random = new Random(20_240_601L);
    List<String> all = new ArrayList<>(FIXED);
    for (int i = 0; i < 8; i++) {
      all.add(mix(random, 4096));
    }
    for (int i = 0; i < 200; i++) {
      all.add(randomBmp(random, 1 + random.nextInt(64)));
    }
    return all;
  }

  /** Exactly {@code length} chars of concatenated corpus entries and random BMP text. */
  static String mix(Random random, int length) {
    StringBuilder out = new StringBuilder(length + 64);
    while (out.length() < length) {
      if (random.nextBoolean()) {
        out.append(FIXED.get(random.nextInt(FIXED.size())));
      } else {
        out.append(randomBmp(random, 1 + random.nextInt(8)));
      }
    }
    out.setLength(length);
    // Cutting may split a surrogate pair; drop the half so the value stays valid Unicode.
    if (Character.isHighSurrogate(out.charAt(length - 1))) {
      out.setCharAt(length - 1, 'x');
    }
    return out.toString();
  }

  /** Random chars from the whole BMP except the surrogate range. */
  static String randomBmp(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      char c = (char) random.nextInt(0x10000);
      if (!Character.isSurrogate(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
