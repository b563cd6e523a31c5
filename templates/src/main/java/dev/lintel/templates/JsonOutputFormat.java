package dev.lintel.templates;

import freemarker.core.CommonMarkupOutputFormat;
import java.io.IOException;
import java.io.Writer;

/**
 * Freemarker output format for the proxy config: with auto-escaping on, every {@code ${...}} of a
 * string becomes a complete JSON string literal ({@link JsonQuoting}). A template therefore cannot
 * write a value that ends its string early, opens a new key, an object or an array: the template
 * only decides where a value goes, never how it is spelled.
 */
final class JsonOutputFormat extends CommonMarkupOutputFormat<TemplateJsonOutputModel> {
  static final JsonOutputFormat INSTANCE = new JsonOutputFormat();

  private JsonOutputFormat() {}

  @Override
  public String getName() {
    return "LintelJSON";
  }

  @Override
  public String getMimeType() {
    return "application/json";
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(escapePlainText(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return JsonQuoting.quote(plainTextContent);
  }

  /**
   * No legacy escaping built-in ({@code ?html}, {@code ?js}...) may replace this format's quoting.
   */
  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  public boolean isAutoEscapedByDefault() {
    return true;
  }

  /** Mixing in HTML or XML markup has no meaning in a JSON file; refuse it. */
  @Override
  public boolean isOutputFormatMixingAllowed() {
    return false;
  }

  @Override
  protected TemplateJsonOutputModel newTemplateMarkupOutputModel(
      String plainTextContent, String markupContent) {
    return new TemplateJsonOutputModel(plainTextContent, markupContent);
  }
}
