package dev.lintel.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the locked-down configuration lets a template do, tried with inline templates. */
class HardenedConfigurationTest {
  private final Configuration configuration = HardenedConfiguration.create();

  @Test
  void everyStringInterpolationIsAJsonStringLiteral() throws Exception {
    assertThat(render("{\"key\":${v}}", Map.of("v", "a\n\",\"b\":{")))
        .isEqualTo("{\"key\":\"a\\u000A\\\",\\\"b\\\":{\"}");
    assertThat(render("{\"key\":${v}}", Map.of("v", ""))).isEqualTo("{\"key\":\"\"}");
  }

  @Test
  void stringBuiltInsCannotEscapeTheQuoting() throws Exception {
    // Legacy escaping built-ins are refused outright; string building still ends in the quoting.
    assertThatThrownBy(() -> parse("${v?html}")).isInstanceOf(ParseException.class);
    assertThat(render("${v?js_string}", Map.of("v", "\n"))).isEqualTo("\"\\\\n\"");
    assertThat(render("${v + '\"'}", Map.of("v", "a"))).isEqualTo("\"a\\\"\"");
    // A plain string can never be passed off as already-escaped markup.
    assertThatThrownBy(() -> render("${v?markup_string}", Map.of("v", "a")))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void integersRenderAsPlainDigitsWithoutGrouping() throws Exception {
    assertThat(render("${a} ${b} ${c}", Map.of("a", 1234567, "b", Integer.MIN_VALUE, "c", 0L)))
        .isEqualTo("1234567 -2147483648 0");
  }

  @Test
  void integersIgnoreTheJvmLocale() throws Exception {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      Configuration fresh = HardenedConfiguration.create();
      StringWriter out = new StringWriter();
      new Template("t", "${n}", fresh).process(Map.of("n", 1234567), out);
      assertThat(out).hasToString("1234567");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void nonIntegerNumbersFailTheRender() {
    assertThatThrownBy(() -> render("${d}", Map.of("d", 1.5)))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("only integers");
  }

  @Test
  void cFormattedNumbersAreQuotedSoTheTemplatesDoNotUseThem() throws Exception {
    // Why the templates print ints through the number format and not ?c: ?c yields a string.
    assertThat(render("${n?c}", Map.of("n", 8080))).isEqualTo("\"8080\"");
  }

  @Test
  void autoEscapingCannotBeTurnedOff() {
    assertThatThrownBy(() -> parse("${v?no_esc}")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("<#noautoesc>${v}</#noautoesc>"))
        .isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("<#ftl auto_esc=false>${v}")).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parse("<#outputformat 'plainText'>${v}</#outputformat>"))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void templatesCannotReachJava() {
    assertThatThrownBy(
            () -> render("${'freemarker.template.utility.Execute'?new()('id')}", Map.of()))
        .isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> render("${m?api.getClass().getName()}", Map.of("m", Map.of())))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void objectsOtherThanPlainDataAreRefused() {
    // TemplateData hands over maps, lists, strings and ints only; anything else must not be wrapped
    // as a bean with callable methods.
    assertThatThrownBy(() -> render("${o}", Map.of("o", new Object())))
        .isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> render("${o.name}", Map.of("o", Thread.currentThread())))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void missingValuesFailInsteadOfPrintingNothing() {
    assertThatThrownBy(() -> render("{\"key\":${missing}}", Map.of()))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void listsAndNestedMapsAreReadable() throws Exception {
    assertThat(
            render("<#list xs as x>${x.n}<#sep>,</#list>", Map.of("xs", List.of(Map.of("n", "a")))))
        .isEqualTo("\"a\"");
  }

  private Template parse(String source) throws Exception {
    return new Template("inline", source, configuration);
  }

  private String render(String source, Map<String, Object> model) throws Exception {
    StringWriter out = new StringWriter();
    parse(source).process(model, out);
    return out.toString();
  }
}
