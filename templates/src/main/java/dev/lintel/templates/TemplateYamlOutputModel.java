package dev.lintel.templates;

import freemarker.core.CommonTemplateMarkupOutputModel;

/**
 * A piece of YAML text (already quoted or trusted) held by Freemarker for {@link YamlOutputFormat}.
 */
final class TemplateYamlOutputModel
    extends CommonTemplateMarkupOutputModel<TemplateYamlOutputModel> {
  TemplateYamlOutputModel(String plainTextContent, String markupContent) {
    super(plainTextContent, markupContent);
  }

  @Override
  public YamlOutputFormat getOutputFormat() {
    return YamlOutputFormat.INSTANCE;
  }
}
