package dev.lintel.templates;

import freemarker.core.CommonMarkupOutputFormat;
import java.io.IOException;
import java.io.Writer;

/**
 * Freemarker output format for the proxy config: with auto-escaping on, every {@code ${...}} of a
 * string becomes a complete YAML double-quoted scalar. A template therefore cannot write a value
 * that ends its scalar early, opens a new key, a comment, an anchor or a document: the template
 * only decides where a value goes, never how it is spelled.
 */
final class YamlOutputFormat extends CommonMarkupOutputFormat<TemplateYamlOutputModel> {
  static final YamlOutputFormat INSTANCE = new YamlOutputFormat();

  private YamlOutputFormat() {}

  @Override
  public String getName() {
    return "LintelYAML";
  }

  @Override
  public String getMimeType() {
    return "application/yaml";
  }

  @Override
  public void output(String textToEsc, Writer out) throws IOException {
    out.write(escapePlainText(textToEsc));
  }

  @Override
  public String escapePlainText(String plainTextContent) {
    return YamlQuoting.quote(plainTextContent);
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

  /** Mixing in HTML or XML markup has no meaning in a YAML file; refuse it. */
  @Override
  public boolean isOutputFormatMixingAllowed() {
    return false;
  }

  @Override
  protected TemplateYamlOutputModel newTemplateMarkupOutputModel(
      String plainTextContent, String markupContent) {
    return new TemplateYamlOutputModel(plainTextContent, markupContent);
  }
}
